namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// The k-distance curve used to choose DBSCAN's eps (Ester et al. 1996): each row's distance
/// to its k-th nearest row, the row itself counted as the first (scikit-learn's
/// <c>NearestNeighbors(n_neighbors=k).kneighbors(X)[0][:, -1]</c>), so with k = minPts a row
/// is a core point exactly when its k-distance is at most eps.
/// </summary>
public static class KDistance
{
    /// <summary>The k-distance of every row of <paramref name="tree"/>, in row order (not sorted).</summary>
    public static double[] Compute(KdTree tree, int k, CancellationToken cancellationToken = default)
    {
        var distances = new double[tree.Count];
        Parallel.For(0, tree.Count, new ParallelOptions { CancellationToken = cancellationToken },
            i => distances[i] = tree.KthNearestDistance(tree.Point(i), k));
        return distances;
    }

    /// <summary>
    /// The elbow of an ascending curve: the point farthest below the chord from its first to its
    /// last point, both axes scaled to [0, 1] (the "kneedle" idea). For a k-distance curve that is
    /// where distances start to climb steeply: rows past it are the sparse ones, noise to DBSCAN.
    /// </summary>
    public static int Elbow(IReadOnlyList<double> ascending)
    {
        if (ascending.Count < 3) throw new ArgumentException("An elbow needs at least three points.", nameof(ascending));
        double first = ascending[0], span = ascending[^1] - ascending[0];
        if (!(span > 0)) return ascending.Count / 2;
        var last = ascending.Count - 1;
        var best = 0;
        var bestGap = double.NegativeInfinity;
        for (var i = 0; i < ascending.Count; i++)
        {
            var x = (double)i / last;
            var y = (ascending[i] - first) / span;
            if (x - y > bestGap) { bestGap = x - y; best = i; }
        }
        return best;
    }
}
