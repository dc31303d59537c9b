using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Nad.Core.Records;

namespace Nad.Core.Drift;

/// <summary>
/// One feature's reference distribution: quantile bin edges and their proportions for a numeric
/// column, or each value's share for a categorical column plus a last bin for values the reference
/// never held. Part of <see cref="DriftBaseline"/>.
/// </summary>
public sealed record FeatureDistribution
{
    /// <summary>The column name (NSL-KDD header spelling).</summary>
    public required string Name { get; init; }

    /// <summary>Numeric columns: the bin edges (<see cref="QuantileEdges"/>); null for categorical ones.</summary>
    public double[]? Edges { get; init; }

    /// <summary>Categorical columns: the values seen, most frequent first; null for numeric ones.</summary>
    public string[]? Categories { get; init; }

    /// <summary>The reference share of each bin: edges + 1 bins, or categories + 1 (the last for unseen values).</summary>
    public required double[] Proportions { get; init; }

    public int Bins => Proportions.Length;

    private FrozenDictionary<string, int>? _categoryBins;

    /// <summary>The bin of a categorical value: its category's position, or the last bin when unseen.</summary>
    public int BinOf(string value)
    {
        var bins = _categoryBins ??= Categories!.Select((c, i) => (c, i)).ToFrozenDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        return bins.TryGetValue(value, out var bin) ? bin : Categories!.Length;
    }

    public int BinOf(double value) => QuantileEdges.BinOf(Edges!, value);

    [JsonIgnore]
    public bool IsCategorical => Categories is not null;

    /// <summary>A numeric column's distribution over <paramref name="bins"/> quantile bins of <paramref name="values"/>.</summary>
    public static FeatureDistribution Numeric(string name, double[] values, int bins, double minimumWidth = 0)
    {
        var edges = QuantileEdges.From(values, bins, minimumWidth);
        var counts = new int[edges.Length + 1];
        foreach (var v in values) counts[QuantileEdges.BinOf(edges, v)]++;
        return new FeatureDistribution { Name = name, Edges = edges, Proportions = Shares(counts, values.Length) };
    }

    /// <summary>A categorical column's distribution: each value's share, most frequent first, and an empty unseen bin.</summary>
    public static FeatureDistribution Categorical(string name, IEnumerable<string> values)
    {
        var counts = values.GroupBy(v => v, StringComparer.Ordinal)
            .Select(g => (Value: g.Key, Count: g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal)
            .ToArray();
        var total = counts.Sum(c => c.Count);
        return new FeatureDistribution
        {
            Name = name,
            Categories = [.. counts.Select(c => c.Value)],
            Proportions = Shares([.. counts.Select(c => c.Count), 0], total),
        };
    }

    /// <summary>Throws <see cref="ArgumentException"/> saying what is inconsistent.</summary>
    public void Validate()
    {
        if ((Edges is null) == (Categories is null))
            throw new ArgumentException($"'{Name}' must have either edges or categories");
        var expectedBins = (Edges?.Length ?? Categories!.Length) + 1;
        if (Proportions is null || Proportions.Length != expectedBins)
            throw new ArgumentException($"'{Name}' has {Proportions?.Length ?? 0} proportions; expected {expectedBins}");
        if (Proportions.Any(p => !double.IsFinite(p) || p < 0 || p > 1))
            throw new ArgumentException($"'{Name}' has a proportion outside 0..1");
        if (Edges is { } edges && (edges.Any(e => !double.IsFinite(e)) || edges.Zip(edges.Skip(1)).Any(p => p.First >= p.Second)))
            throw new ArgumentException($"'{Name}' has edges that are not finite and increasing");
    }

    private static double[] Shares(int[] counts, int total) =>
        [.. counts.Select(c => total == 0 ? 0 : c / (double)total)];

    /// <summary>The distribution of <paramref name="column"/> over <paramref name="records"/>.</summary>
    public static FeatureDistribution Of(FeatureColumn column, IReadOnlyList<ConnectionRecord> records, int bins)
    {
        if (column.IsCategorical) return Categorical(column.Name, records.Select(r => r.Categorical(column.ValueIndex)));
        var values = new double[records.Count];
        for (var i = 0; i < values.Length; i++) values[i] = records[i].Numeric[column.ValueIndex];
        return Numeric(column.Name, values, bins);
    }
}
