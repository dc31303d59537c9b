namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// A static k-d tree over dense float rows (Euclidean distance, accumulated in double) for the
/// range and nearest-neighbour queries of DBSCAN in a few dimensions. Nodes split the widest
/// side of their bounding box at the median; leaves hold up to 16 points; the points are copied
/// in tree order so a leaf is contiguous memory. Every node keeps its bounding box, so a
/// subtree wholly inside the radius is counted without visiting its points.
/// Points can be switched off (<see cref="Deactivate"/>): <see cref="CollectActiveWithin"/>
/// skips subtrees with no active point left, which is what makes cluster expansion cheap in
/// dense regions (each point is handed out once, not once per neighbour).
/// Queries are thread-safe; <see cref="Deactivate"/> is not.
/// </summary>
public sealed class KdTree
{
    private const int LeafSize = 16;

    private readonly float[] _points;   // Count × Dimension, in tree order
    private readonly int[] _original;   // tree position → caller's row index
    private readonly int[] _position;   // caller's row index → tree position
    private readonly List<Node> _nodes = [];
    private readonly float[] _low;      // node × Dimension
    private readonly float[] _high;
    private readonly int[] _leafOf;     // tree position → leaf node
    private readonly int[] _active;     // node → active points below it
    private readonly bool[] _isActive;  // tree position → still active

    private readonly record struct Node(int Start, int End, int Left, int Right, int Parent);

    public KdTree(ReadOnlySpan<float> rows, int dimension)
    {
        if (dimension < 1 || rows.Length == 0 || rows.Length % dimension != 0) throw new ArgumentException("Rows must be Count × Dimension, at least one row.");
        Dimension = dimension;
        Count = rows.Length / dimension;
        _original = Enumerable.Range(0, Count).ToArray();
        var source = rows.ToArray();
        var nodeEstimate = 2 * (Count / LeafSize + 1) + 1;
        var low = new List<float>(nodeEstimate * dimension);
        var high = new List<float>(nodeEstimate * dimension);
        Build(source, 0, Count, -1, low, high);
        _low = [.. low];
        _high = [.. high];

        _points = new float[rows.Length];
        _position = new int[Count];
        for (var p = 0; p < Count; p++)
        {
            source.AsSpan(_original[p] * dimension, dimension).CopyTo(_points.AsSpan(p * dimension));
            _position[_original[p]] = p;
        }
        _leafOf = new int[Count];
        for (var n = 0; n < _nodes.Count; n++)
            if (_nodes[n].Left < 0)
                for (var p = _nodes[n].Start; p < _nodes[n].End; p++) _leafOf[p] = n;
        _active = new int[_nodes.Count];
        _isActive = new bool[Count];
        ActivateAll();
    }

    public int Dimension { get; }
    public int Count { get; }

    /// <summary>Row <paramref name="index"/> as given to the constructor.</summary>
    public ReadOnlySpan<float> Point(int index) => _points.AsSpan(_position[index] * Dimension, Dimension);

    private int Build(float[] source, int start, int end, int parent, List<float> low, List<float> high)
    {
        var node = _nodes.Count;
        _nodes.Add(new Node(start, end, -1, -1, parent));
        var widest = 0;
        var widestSpan = -1f;
        for (var j = 0; j < Dimension; j++)
        {
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            for (var p = start; p < end; p++)
            {
                var v = source[_original[p] * Dimension + j];
                if (v < min) min = v;
                if (v > max) max = v;
            }
            low.Add(min);
            high.Add(max);
            if (max - min > widestSpan) { widestSpan = max - min; widest = j; }
        }
        if (end - start <= LeafSize || widestSpan <= 0) return node;

        var keys = new float[end - start];
        for (var p = start; p < end; p++) keys[p - start] = source[_original[p] * Dimension + widest];
        keys.AsSpan().Sort(_original.AsSpan(start, end - start));
        var middle = start + (end - start) / 2;
        var left = Build(source, start, middle, node, low, high);
        var right = Build(source, middle, end, node, low, high);
        _nodes[node] = _nodes[node] with { Left = left, Right = right };
        return node;
    }

    /// <summary>Makes every point active again.</summary>
    public void ActivateAll()
    {
        Array.Fill(_isActive, true);
        for (var n = 0; n < _nodes.Count; n++) _active[n] = _nodes[n].End - _nodes[n].Start;
    }

    /// <summary>Leaves row <paramref name="index"/> out of later <see cref="CollectActiveWithin"/> results.</summary>
    public void Deactivate(int index)
    {
        var p = _position[index];
        if (!_isActive[p]) return;
        _isActive[p] = false;
        for (var n = _leafOf[p]; n >= 0; n = _nodes[n].Parent) _active[n]--;
    }

    /// <summary>The number of rows within <paramref name="radius"/> (inclusive) of <paramref name="query"/>, counting no further than <paramref name="limit"/>.</summary>
    public int CountWithin(ReadOnlySpan<float> query, double radius, int limit = int.MaxValue)
    {
        CheckQuery(query);
        var count = 0;
        CountWithin(0, query, radius * radius, limit, ref count);
        return count;
    }

    private void CountWithin(int node, ReadOnlySpan<float> query, double radius2, int limit, ref int count)
    {
        if (count >= limit || MinDistance2(node, query) > radius2) return;
        var n = _nodes[node];
        if (MaxDistance2(node, query) <= radius2) { count += n.End - n.Start; return; }
        if (n.Left < 0)
        {
            for (var p = n.Start; p < n.End && count < limit; p++)
                if (Distance2(p, query) <= radius2) count++;
            return;
        }
        CountWithin(n.Left, query, radius2, limit, ref count);
        CountWithin(n.Right, query, radius2, limit, ref count);
    }

    /// <summary>Adds to <paramref name="found"/> the active rows within <paramref name="radius"/> (inclusive) of <paramref name="query"/>.</summary>
    public void CollectActiveWithin(ReadOnlySpan<float> query, double radius, List<int> found)
    {
        CheckQuery(query);
        CollectActiveWithin(0, query, radius * radius, found);
    }

    private void CollectActiveWithin(int node, ReadOnlySpan<float> query, double radius2, List<int> found)
    {
        if (_active[node] == 0 || MinDistance2(node, query) > radius2) return;
        var n = _nodes[node];
        if (n.Left < 0 || MaxDistance2(node, query) <= radius2)
        {
            var inside = n.Left >= 0;
            for (var p = n.Start; p < n.End; p++)
                if (_isActive[p] && (inside || Distance2(p, query) <= radius2)) found.Add(_original[p]);
            return;
        }
        CollectActiveWithin(n.Left, query, radius2, found);
        CollectActiveWithin(n.Right, query, radius2, found);
    }

    /// <summary>The distance from <paramref name="query"/> to its nearest row.</summary>
    public double NearestDistance(ReadOnlySpan<float> query)
    {
        CheckQuery(query);
        Span<double> best = [double.PositiveInfinity];
        KNearest(0, query, best);
        return Math.Sqrt(best[0]);
    }

    /// <summary>
    /// The distance from <paramref name="query"/> to its <paramref name="k"/>-th nearest row,
    /// counting the query itself when it is one of the rows (scikit-learn's
    /// <c>NearestNeighbors(n_neighbors=k).kneighbors(X)</c>, last column).
    /// </summary>
    public double KthNearestDistance(ReadOnlySpan<float> query, int k)
    {
        CheckQuery(query);
        if (k < 1 || k > Count) throw new ArgumentOutOfRangeException(nameof(k), $"k must be from 1 to the {Count} rows.");
        Span<double> best = k <= 256 ? stackalloc double[k] : new double[k];
        best.Fill(double.PositiveInfinity);
        KNearest(0, query, best);
        return Math.Sqrt(best[k - 1]);
    }

    // best: the k smallest squared distances so far, ascending.
    private void KNearest(int node, ReadOnlySpan<float> query, Span<double> best)
    {
        if (MinDistance2(node, query) > best[^1]) return;
        var n = _nodes[node];
        if (n.Left < 0)
        {
            for (var p = n.Start; p < n.End; p++)
            {
                var d = Distance2(p, query);
                if (d >= best[^1]) continue;
                var i = best.Length - 1;
                while (i > 0 && best[i - 1] > d) { best[i] = best[i - 1]; i--; }
                best[i] = d;
            }
            return;
        }
        // The nearer child first, so the bound tightens early.
        var (first, second) = MinDistance2(n.Left, query) <= MinDistance2(n.Right, query) ? (n.Left, n.Right) : (n.Right, n.Left);
        KNearest(first, query, best);
        KNearest(second, query, best);
    }

    private double Distance2(int position, ReadOnlySpan<float> query)
    {
        var point = _points.AsSpan(position * Dimension, Dimension);
        double sum = 0;
        for (var j = 0; j < point.Length; j++)
        {
            double d = point[j] - (double)query[j];
            sum += d * d;
        }
        return sum;
    }

    private double MinDistance2(int node, ReadOnlySpan<float> query)
    {
        double sum = 0;
        var offset = node * Dimension;
        for (var j = 0; j < Dimension; j++)
        {
            double q = query[j];
            var d = q < _low[offset + j] ? _low[offset + j] - q : q > _high[offset + j] ? q - _high[offset + j] : 0;
            sum += d * d;
        }
        return sum;
    }

    private double MaxDistance2(int node, ReadOnlySpan<float> query)
    {
        double sum = 0;
        var offset = node * Dimension;
        for (var j = 0; j < Dimension; j++)
        {
            double q = query[j];
            var d = Math.Max(Math.Abs(q - _low[offset + j]), Math.Abs(_high[offset + j] - q));
            sum += d * d;
        }
        return sum;
    }

    private void CheckQuery(ReadOnlySpan<float> query)
    {
        if (query.Length != Dimension) throw new ArgumentException($"A query must hold {Dimension} values.", nameof(query));
    }
}
