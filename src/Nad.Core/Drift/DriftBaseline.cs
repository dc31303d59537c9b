using System.Text.Json.Serialization;
using Nad.Core.Records;

namespace Nad.Core.Drift;

/// <summary>
/// What the traffic looked like when a model was trained, for drift checks: each of the schema's
/// features' distribution (NSL-KDD's 41; another schema's columns, then its missing indicators) over the normal training rows (all rows when there are no labels), and
/// the distribution of the model's scores on normal rows it did not fit (held-out rows when the
/// training had a held-out split). Stored as <c>drift.json</c> in the model file (decision 0660).
/// </summary>
public sealed record DriftBaseline
{
    /// <summary>Said whenever a model file has no drift baseline (written before drift checks existed).</summary>
    public const string MissingMessage = "this model file has no drift baseline (written before drift checks existed); retrain it with this version to check drift";

    /// <summary>Quantile bins per numeric feature and for the scores.</summary>
    public const int DefaultBins = 10;

    /// <summary>Which rows the features were learned from.</summary>
    public required string Source { get; init; }

    public required int Rows { get; init; }

    /// <summary>The schema's features (<see cref="RecordSchema.FeatureColumns"/>), in their order.</summary>
    public required IReadOnlyList<FeatureDistribution> Features { get; init; }

    /// <summary>The schema whose features these are (not stored: the model file's schema.json; NSL-KDD for files from before schemas).</summary>
    [JsonIgnore]
    public RecordSchema Schema { get; init; } = BuiltInSchemas.NslKdd;

    /// <summary>Which rows the scores came from.</summary>
    public required string ScoreSource { get; init; }

    public required int ScoreRows { get; init; }

    /// <summary>The model's score distribution (quantile bins, no categories).</summary>
    public required FeatureDistribution Score { get; init; }

    /// <summary>
    /// Learns the baseline. <paramref name="scores"/> are the model's scores of normal rows it did
    /// not fit when there are such rows, described by <paramref name="scoreSource"/>.
    /// </summary>
    public static DriftBaseline Learn(ConnectionDataset data, double[] scores, string scoreSource, int bins = DefaultBins)
    {
        var (rows, source) = ReferenceRows(data);
        if (rows.Count == 0) throw new ArgumentException($"{data.Source} has no rows to learn a drift baseline from.");
        if (scores.Length == 0) throw new ArgumentException("No scores to learn the score distribution from.", nameof(scores));
        return new DriftBaseline
        {
            Source = source,
            Rows = rows.Count,
            Features = [.. data.Schema.FeatureColumns.Select(c => FeatureDistribution.Of(c, rows.Records, bins))],
            Schema = data.Schema,
            ScoreSource = scoreSource,
            ScoreRows = scores.Length,
            Score = FeatureDistribution.Numeric("score", scores, bins, QuantileEdges.ScoreWidth(scores, bins)),
        };
    }

    /// <summary>The rows drift is measured against: the normal ones when there are labels and normal rows, else all.</summary>
    public static (ConnectionDataset Rows, string Source) ReferenceRows(ConnectionDataset data)
    {
        if (!data.HasLabels) return (data, "all training rows (no labels)");
        var normal = data.NormalOnly();
        return normal.Count > 0 ? (normal, "normal training rows") : (data, "all training rows (no normal rows among them)");
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming what is missing or inconsistent.</summary>
    public void Validate()
    {
        var columns = Schema.FeatureColumns;
        if (Features is null || Features.Count != columns.Count)
            throw new ArgumentException($"it has {Features?.Count ?? 0} features; expected {columns.Count} (schema '{Schema.Name}')");
        for (var i = 0; i < Features.Count; i++)
        {
            var column = columns[i];
            var feature = Features[i] ?? throw new ArgumentException($"feature {i + 1} is missing");
            if (feature.Name != column.Name) throw new ArgumentException($"feature {i + 1} is '{feature.Name}'; expected '{column.Name}'");
            if (feature.IsCategorical != column.IsCategorical)
                throw new ArgumentException($"'{column.Name}' is {(column.IsCategorical ? "categorical" : "numeric")} but its distribution is not");
            feature.Validate();
        }
        if (Score is null || Score.IsCategorical) throw new ArgumentException("it has no score distribution");
        Score.Validate();
    }
}
