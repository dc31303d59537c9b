namespace Nad.Alerts;

/// <summary>
/// The one suppression check that every writer of alerts runs before storing (the service's <c>AlertWriter</c> and
/// the streaming workers): an alert that an active rule matches is kept out and handed to the caller's counter under
/// the first rule (oldest first, the store's order) that matched it, so nothing is dropped silently.
/// </summary>
public static class SuppressionFilter
{
    /// <summary>
    /// The alerts no active rule in <paramref name="rules"/> matches at <paramref name="now"/> (the same list when none
    /// does); <paramref name="suppressed"/> is called once for each alert kept out, with the rule that matched it.
    /// </summary>
    public static IReadOnlyList<Alert> Apply(IReadOnlyList<SuppressionRule> rules, IReadOnlyList<Alert> alerts, DateTimeOffset now,
        Action<SuppressionRule> suppressed)
    {
        if (rules.Count == 0) return alerts;
        List<Alert>? kept = null;
        for (var i = 0; i < alerts.Count; i++)
        {
            var rule = FirstMatch(rules, alerts[i], now);
            if (rule is null)
            {
                kept?.Add(alerts[i]);
                continue;
            }
            kept ??= [.. alerts.Take(i)];
            suppressed(rule);
        }
        return kept ?? alerts;
    }

    /// <summary>The first rule that matches <paramref name="alert"/> at <paramref name="now"/>, or null.</summary>
    public static SuppressionRule? FirstMatch(IReadOnlyList<SuppressionRule> rules, Alert alert, DateTimeOffset now)
    {
        foreach (var rule in rules)
            if (rule.Matches(alert, now)) return rule;
        return null;
    }
}
