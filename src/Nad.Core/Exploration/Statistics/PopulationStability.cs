namespace Nad.Core.Exploration.Statistics;

/// <summary>
/// Population stability index: how far a second sample's distribution has moved from a base
/// sample. PSI = sum over bins (actual - expected) ln(actual / expected), shares floored at
/// 0.0001 so empty bins stay finite. Usual reading: &lt; 0.1 stable, 0.1-0.25 moderate shift,
/// &gt; 0.25 large shift.
/// </summary>
public static class PopulationStability
{
    public const double MinShare = 1e-4;

    /// <summary>
    /// Numeric PSI: bins are the distinct deciles of <paramref name="baseSample"/> (linear
    /// quantiles), intervals (-inf, e1], (e1, e2], ..., (ek, +inf).
    /// </summary>
    public static double Numeric(ReadOnlySpan<double> baseSample, ReadOnlySpan<double> other)
    {
        var sorted = baseSample.ToArray();
        Array.Sort(sorted);
        var edges = Enumerable.Range(1, 9)
            .Select(k => MathNet.Numerics.Statistics.SortedArrayStatistics.QuantileCustom(sorted, k / 10.0, MathNet.Numerics.Statistics.QuantileDefinition.R7))
            .Distinct().Order().ToArray();
        return Index(Shares(sorted, edges), Shares(other, edges));
    }

    /// <summary>Categorical PSI over the union of values seen in either sample.</summary>
    public static double Categorical(IReadOnlyDictionary<string, long> baseCounts, IReadOnlyDictionary<string, long> otherCounts)
    {
        var keys = baseCounts.Keys.Union(otherCounts.Keys).Order(StringComparer.Ordinal).ToArray();
        double baseTotal = baseCounts.Values.Sum(), otherTotal = otherCounts.Values.Sum();
        return Index(
            keys.Select(k => baseCounts.GetValueOrDefault(k) / baseTotal).ToArray(),
            keys.Select(k => otherCounts.GetValueOrDefault(k) / otherTotal).ToArray());
    }

    private static double[] Shares(ReadOnlySpan<double> values, double[] edges)
    {
        var counts = new double[edges.Length + 1];
        foreach (var v in values)
        {
            // first edge >= v: values equal to an edge fall in the bin that edge closes
            var bin = Array.BinarySearch(edges, v);
            counts[bin >= 0 ? bin : ~bin]++;
        }
        for (var i = 0; i < counts.Length; i++) counts[i] /= values.Length;
        return counts;
    }

    private static double Index(double[] expected, double[] actual)
    {
        double psi = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            var e = Math.Max(expected[i], MinShare);
            var a = Math.Max(actual[i], MinShare);
            psi += (a - e) * Math.Log(a / e);
        }
        return psi;
    }
}
