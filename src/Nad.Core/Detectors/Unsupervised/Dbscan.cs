namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// DBSCAN (Ester, Kriegel, Sander, Xu 1996) on dense float rows, with scikit-learn's
/// definitions: a row is a core point when at least <c>minPts</c> rows (itself included) lie
/// within <c>eps</c> (inclusive); clusters are the core points connected through chains of
/// core points within eps, plus the non-core rows within eps of one of them (border points,
/// which go to the first cluster that reaches them, so they can differ from another
/// implementation's by visit order); every other row is noise. Clusters are numbered in the
/// order of their lowest row index, as in scikit-learn. Range queries use a <see cref="KdTree"/>,
/// so this is meant for a few dimensions (PCA-reduced data).
/// </summary>
public static class Dbscan
{
    public static DbscanResult Fit(ReadOnlySpan<float> rows, int dimension, double eps, int minPts, CancellationToken cancellationToken = default) =>
        Fit(new KdTree(rows, dimension), eps, minPts, cancellationToken);

    /// <summary>Clusters the rows of <paramref name="tree"/> (reuse one tree for several settings).</summary>
    public static DbscanResult Fit(KdTree tree, double eps, int minPts, CancellationToken cancellationToken = default)
    {
        if (!(eps > 0) || !double.IsFinite(eps)) throw new ArgumentOutOfRangeException(nameof(eps), $"eps is {eps}; it must be a positive number.");
        if (minPts < 1) throw new ArgumentOutOfRangeException(nameof(minPts), $"minPts is {minPts}; it must be at least 1.");
        var count = tree.Count;

        var isCore = new bool[count];
        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken },
            i => isCore[i] = tree.CountWithin(tree.Point(i), eps, minPts) >= minPts);

        var labels = new int[count];
        Array.Fill(labels, DbscanResult.Noise);
        tree.ActivateAll();
        var frontier = new Stack<int>();
        var found = new List<int>();
        var clusters = 0;
        for (var i = 0; i < count; i++)
        {
            if (labels[i] != DbscanResult.Noise || !isCore[i]) continue;
            cancellationToken.ThrowIfCancellationRequested();
            // Each row is labelled (and switched off in the tree) when first reached, so the
            // expansion hands every row out once however dense the cluster is.
            labels[i] = clusters;
            tree.Deactivate(i);
            frontier.Push(i);
            while (frontier.Count > 0)
            {
                var core = frontier.Pop();
                found.Clear();
                tree.CollectActiveWithin(tree.Point(core), eps, found);
                foreach (var neighbour in found)
                {
                    labels[neighbour] = clusters;
                    tree.Deactivate(neighbour);
                    if (isCore[neighbour]) frontier.Push(neighbour);
                }
            }
            clusters++;
        }
        tree.ActivateAll();
        return new DbscanResult(labels, isCore, clusters);
    }
}
