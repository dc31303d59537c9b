namespace Nad.Core.Drift;

/// <summary>
/// Bin edges from the quantiles of reference values, never splitting a run of equal values: a
/// value held by many rows (the zeros of most NSL-KDD counts) becomes a bin of its own and the
/// remaining bins share the rest. Bin <c>i</c> holds values in (edges[i-1], edges[i]]; the last
/// bin holds values above every edge (above anything seen, when the reference was constant).
/// </summary>
public static class QuantileEdges
{
    /// <summary>At most <paramref name="bins"/> - 1 increasing edges; at least one when there are values.</summary>
    /// <param name="minimumWidth">No bin narrower than this (but the last): differences below it are not drift.</param>
    public static double[] From(double[] values, int bins, double minimumWidth = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        if (values.Length == 0) return [];
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var n = sorted.Length;
        var edges = new List<double>(bins - 1);
        var start = 0;
        while (edges.Count < bins - 1)
        {
            var remaining = bins - edges.Count;
            var last = start + (n - start + remaining - 1) / remaining - 1; // this bin's share of what is left
            var floor = (edges.Count == 0 ? sorted[0] : edges[^1]) + minimumWidth;
            while (last < n - 1 && sorted[last] < floor) last++;
            var value = sorted[last];
            var end = LastIndexOf(sorted, value, last);
            if (end >= n - 1) break; // the rest is one value: the final bin
            edges.Add(value);
            start = end + 1;
        }
        if (edges.Count == 0) edges.Add(sorted[^1]);
        return [.. edges];
    }

    /// <summary>
    /// The minimum width for score bins: a twentieth of the central 98% of the reference scores per
    /// bin count, so a model's calibration jitter among clearly normal rows is not counted as drift (decision 0660).
    /// </summary>
    public static double ScoreWidth(double[] scores, int bins)
    {
        if (scores.Length == 0) return 0;
        var sorted = (double[])scores.Clone();
        Array.Sort(sorted);
        var low = sorted[(int)(0.01 * (sorted.Length - 1))];
        var high = sorted[(int)Math.Ceiling(0.99 * (sorted.Length - 1))];
        return (high - low) / (2.0 * bins);
    }

    /// <summary>The bin of <paramref name="value"/> for these edges (0 .. edges.Length).</summary>
    public static int BinOf(double[] edges, double value)
    {
        var at = Array.BinarySearch(edges, value);
        return at >= 0 ? at : ~at;
    }

    private static int LastIndexOf(double[] sorted, double value, int from)
    {
        var i = from;
        while (i + 1 < sorted.Length && sorted[i + 1] == value) i++;
        return i;
    }
}
