using System.Collections.Concurrent;
using Nad.Alerts;
using Nad.Service.Observability;

namespace Nad.Service.Alerts;

/// <summary>
/// The suppression rules in force, read from the alert store at start and after each change through the API,
/// applied by <see cref="AlertWriter"/> before an alert is queued for storing. Nothing is dropped silently:
/// each suppressed alert counts in <c>nad_alerts_suppressed_total{rule}</c> and in <see cref="SuppressedBy"/>
/// until <see cref="FlushAsync"/> adds it to the rule's count in the store (after each alert batch and at
/// stop), so the counts outlive a restart and add up across services and workers. A rule past its expiry matches nothing.
/// </summary>
public sealed class Suppressions(IAlertStore store, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<long, long> _suppressed = new();
    private volatile IReadOnlyList<SuppressionRule> _rules = [];

    public IReadOnlyList<SuppressionRule> Rules => _rules;

    public DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>Alerts this rule has kept out of the store that are not yet added to its stored count.</summary>
    public long SuppressedBy(long ruleId) => _suppressed.TryGetValue(ruleId, out var count) ? count : 0;

    public async Task LoadAsync(CancellationToken cancellationToken) => _rules = await store.ListSuppressionsAsync(cancellationToken);

    public async Task<SuppressionRule> AddAsync(SuppressionRule rule, CancellationToken cancellationToken)
    {
        var stored = await store.AddSuppressionAsync(rule, cancellationToken);
        await LoadAsync(cancellationToken);
        return stored;
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        var deleted = await store.DeleteSuppressionAsync(id, cancellationToken);
        await LoadAsync(cancellationToken);
        return deleted;
    }

    /// <summary>
    /// Moves the counts not yet stored into the store (<see cref="IAlertStore.AddSuppressedAsync"/>); on a failure they
    /// stay here for the next flush, so a count is never lost while the process lives.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var taken = new Dictionary<long, long>();
        foreach (var (rule, count) in _suppressed)
            if (count > 0)
            {
                _suppressed.AddOrUpdate(rule, -count, (_, current) => current - count); // Filter may add meanwhile: subtract, never reset
                taken[rule] = count;
            }
        if (taken.Count == 0) return;
        try
        {
            await store.AddSuppressedAsync(taken, cancellationToken);
        }
        catch
        {
            foreach (var (rule, count) in taken) _suppressed.AddOrUpdate(rule, count, (_, current) => current + count);
            throw;
        }
    }

    /// <summary>The alerts no active rule matches (the same list when none does); each suppressed one is counted under the first rule that matched it.</summary>
    public IReadOnlyList<Alert> Filter(IReadOnlyList<Alert> alerts) =>
        SuppressionFilter.Apply(_rules, alerts, Now, rule =>
        {
            _suppressed.AddOrUpdate(rule.Id, 1, (_, count) => count + 1);
            ServiceMetrics.Suppressed(rule.Id);
        });
}
