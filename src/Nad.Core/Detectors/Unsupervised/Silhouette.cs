namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// The mean silhouette coefficient (Rousseeuw 1987) as scikit-learn's <c>silhouette_score</c>
/// computes it: for each row, a = mean distance to the other rows of its cluster, b = the
/// lowest mean distance to the rows of another cluster, s = (b − a) / max(a, b), and s = 0 for
/// a row alone in its cluster. Exact and O(n²), so call it on a sample of a large set.
/// Rows labelled <see cref="DbscanResult.Noise"/> are left out (noise is not a cluster).
/// </summary>
public static class Silhouette
{
    /// <returns>The mean silhouette, or NaN when fewer than two clusters (or as many clusters as rows) remain.</returns>
    public static double Score(ReadOnlySpan<float> rows, int dimension, IReadOnlyList<int> labels, CancellationToken cancellationToken = default)
    {
        if (dimension < 1 || rows.Length != (long)labels.Count * dimension) throw new ArgumentException("One label per row of Dimension values.");
        var kept = Enumerable.Range(0, labels.Count).Where(i => labels[i] != DbscanResult.Noise).ToArray();
        var clusterIds = kept.Select(i => labels[i]).Distinct().Order().ToArray();
        if (clusterIds.Length < 2 || clusterIds.Length >= kept.Length) return double.NaN;
        var clusterOf = kept.Select(i => Array.BinarySearch(clusterIds, labels[i])).ToArray();
        var sizes = new int[clusterIds.Length];
        foreach (var c in clusterOf) sizes[c]++;
        var points = new float[kept.Length * dimension];
        for (var r = 0; r < kept.Length; r++) rows.Slice(kept[r] * dimension, dimension).CopyTo(points.AsSpan(r * dimension));

        var silhouettes = new double[kept.Length];
        Parallel.For(0, kept.Length, new ParallelOptions { CancellationToken = cancellationToken }, () => new double[clusterIds.Length], (r, _, sums) =>
        {
            Array.Clear(sums);
            var row = points.AsSpan(r * dimension, dimension);
            for (var o = 0; o < kept.Length; o++)
            {
                var other = points.AsSpan(o * dimension, dimension);
                double sum = 0;
                for (var j = 0; j < dimension; j++)
                {
                    double d = row[j] - (double)other[j];
                    sum += d * d;
                }
                sums[clusterOf[o]] += Math.Sqrt(sum);
            }
            var own = clusterOf[r];
            if (sizes[own] == 1) { silhouettes[r] = 0; return sums; }
            var a = sums[own] / (sizes[own] - 1);
            var b = double.PositiveInfinity;
            for (var c = 0; c < sizes.Length; c++)
                if (c != own) b = Math.Min(b, sums[c] / sizes[c]);
            var scale = Math.Max(a, b);
            silhouettes[r] = scale > 0 ? (b - a) / scale : 0; // scikit-learn: nan_to_num
            return sums;
        }, _ => { });
        return silhouettes.Average();
    }
}
