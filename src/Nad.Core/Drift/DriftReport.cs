namespace Nad.Core.Drift;

/// <summary>
/// How far the recent records have moved from a model's training data: PSI per feature (highest
/// first), of the scores, the overall level (the highest of them), and a warning when the level is
/// significant and the window holds at least <see cref="MinimumSample"/> records.
/// </summary>
public sealed record DriftReport
{
    /// <summary>Records in the window now.</summary>
    public required int Records { get; init; }

    /// <summary>The most records the window holds.</summary>
    public required int Capacity { get; init; }

    /// <summary>Below this many records PSI is too noisy to warn on; the level stays none.</summary>
    public required int MinimumSample { get; init; }

    /// <summary>PSI per feature, highest first.</summary>
    public required IReadOnlyList<FeatureDrift> Features { get; init; }

    public required FeatureDrift Score { get; init; }

    /// <summary>The highest level of the features and the score; none until the window holds <see cref="MinimumSample"/> records.</summary>
    public required DriftLevel Level { get; init; }

    /// <summary>What a person should read: null unless the level is significant.</summary>
    public string? Warning { get; init; }

    public bool HasEnoughRecords => Records >= MinimumSample;

    /// <summary>The features at <paramref name="level"/> or above, highest PSI first.</summary>
    public IEnumerable<FeatureDrift> FeaturesAtLeast(DriftLevel level) => Features.Where(f => f.Level >= level);

    /// <summary>Builds a report from PSI values, deciding the level and the warning.</summary>
    public static DriftReport From(int records, int capacity, int minimumSample, IEnumerable<FeatureDrift> features, FeatureDrift score)
    {
        var sorted = features.OrderByDescending(f => f.Psi).ToArray();
        var highest = sorted.Select(f => f.Level).Append(score.Level).Max();
        var level = records >= minimumSample ? highest : DriftLevel.None;
        return new DriftReport
        {
            Records = records,
            Capacity = capacity,
            MinimumSample = minimumSample,
            Features = sorted,
            Score = score,
            Level = level,
            Warning = level == DriftLevel.Significant ? WarningText(sorted, score, records) : null,
        };
    }

    private const int NamedFeatures = 5;

    private static string WarningText(FeatureDrift[] sorted, FeatureDrift score, int records)
    {
        var shifted = sorted.Where(f => f.Level == DriftLevel.Significant).ToArray();
        var named = shifted.Take(NamedFeatures).Select(f => $"{f.Name} (PSI {f.Psi:0.00})").ToList();
        if (shifted.Length > NamedFeatures) named.Add($"{shifted.Length - NamedFeatures} more");
        var parts = new List<string>();
        if (named.Count > 0) parts.Add($"{(shifted.Length == 1 ? "feature" : "features")} {string.Join(", ", named)}");
        if (score.Level == DriftLevel.Significant) parts.Add($"the score distribution (PSI {score.Psi:0.00})");
        return $"Significant drift over {records:N0} recent records in {string.Join(" and ", parts)}: " +
               "recent traffic no longer looks like this model's training data, so its threshold and alerts may no longer hold. " +
               "Check for a change in the network or in how records are produced, and retrain on recent normal traffic.";
    }
}
