using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// An Isolation Forest (Liu, Ting, Zhou 2008) over dense float rows: fit, score, save, load.
/// All trees live in one flat array of 16-byte nodes (children of node i are Left and Left+1),
/// so scoring walks contiguous memory and allocates nothing; batches walk eight rows at a time through
/// perfect-tree copies of the trees (<see cref="PerfectTreeLayout"/>).
/// Scores follow the paper:
/// s(x) = 2^(-E[h(x)] / c(ψ)), near 1 for anomalies, at most about 0.5 for normal points.
/// Deterministic for a given seed, whatever the thread count.
/// </summary>
public sealed class IsolationForest
{
    /// <summary>One tree node; a leaf has Feature = -1 and Value = its depth + c(rows that reached it).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public readonly record struct Node(int Feature, float Split, int Left, float Value)
    {
        public bool IsLeaf => Feature < 0;
    }

    private readonly Node[] _nodes;
    private readonly int[] _roots;
    private readonly double _normalizer;

    // The batch form (eight rows at a time through perfect-tree copies of the trees), when every tree is shallow enough.
    private readonly PerfectTreeLayout? _perfect;

    /// <summary>The batch form, or null when a tree is too deep for it (tests check which path they cover).</summary>
    internal PerfectTreeLayout? Layout => _perfect;

    public IsolationForest(Node[] nodes, int[] roots, int dimension, int samplesPerTree)
    {
        if (roots.Length == 0) throw new ArgumentException("A forest needs at least one tree.", nameof(roots));
        if (samplesPerTree < 1) throw new ArgumentOutOfRangeException(nameof(samplesPerTree));
        foreach (var root in roots)
            if ((uint)root >= (uint)nodes.Length) throw new ArgumentException("A tree root points outside the node array.", nameof(roots));
        foreach (var node in nodes)
            if (!node.IsLeaf && (node.Feature >= dimension || node.Left <= 0 || node.Left + 1 >= nodes.Length))
                throw new ArgumentException("A node points outside the forest or the feature vector.", nameof(nodes));
        _nodes = nodes;
        _roots = roots;
        Dimension = dimension;
        SamplesPerTree = samplesPerTree;
        // E[h] is divided by c(ψ) and the mean over trees by T: fold both into one factor.
        _normalizer = 1.0 / (roots.Length * Math.Max(AveragePathLength.Of(samplesPerTree), 1e-12));

        var height = new int[nodes.Length]; // one memo for every tree: a node's height does not depend on its root
        Array.Fill(height, -1);
        int[] heights = [.. roots.Select(root => Height(root, height))];
        _perfect = PerfectTreeLayout.TryBuild(nodes, roots, heights);
    }

    // Memoized, so that a loaded file whose node graph is not a tree (shared or looping nodes) costs
    // no more than one visit per node, and a loop is an error rather than a hang.
    private int Height(int root, int[] height)
    {
        var stack = new Stack<int>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Peek();
            if (_nodes[node].IsLeaf) { height[node] = 0; stack.Pop(); continue; }
            int left = _nodes[node].Left, right = left + 1;
            if (height[left] >= 0 && height[right] >= 0)
            {
                height[node] = 1 + Math.Max(height[left], height[right]);
                stack.Pop();
                continue;
            }
            // A path plus the siblings waiting on it never holds more than twice the nodes; a loop grows without end.
            if (stack.Count > 2 * _nodes.Length + 2) throw new ArgumentException("A tree's nodes loop back on themselves.", "nodes");
            if (height[left] < 0) stack.Push(left);
            if (height[right] < 0) stack.Push(right);
        }
        return height[root];
    }

    /// <summary>Columns in every row.</summary>
    public int Dimension { get; }

    /// <summary>ψ: rows each tree was grown on.</summary>
    public int SamplesPerTree { get; }

    public int TreeCount => _roots.Length;
    public ReadOnlySpan<Node> Nodes => _nodes;
    public ReadOnlySpan<int> Roots => _roots;

    /// <summary>Grows the forest on <paramref name="rows"/> × <paramref name="dimension"/> row-major values.</summary>
    public static IsolationForest Fit(ReadOnlyMemory<float> values, int rows, int dimension, IsolationForestOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new IsolationForestOptions();
        if (rows < 1) throw new ArgumentException("An Isolation Forest needs at least one row.", nameof(rows));
        if (values.Length != (long)rows * dimension) throw new ArgumentException($"Expected {rows} × {dimension} values, got {values.Length}.", nameof(values));
        if (options.Trees < 1) throw new ArgumentOutOfRangeException(nameof(options), "Trees must be at least 1.");
        if (options.MaxSamples < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxSamples must be at least 1.");
        if (!(options.MaxFeatures > 0 && options.MaxFeatures <= 1)) throw new ArgumentOutOfRangeException(nameof(options), "MaxFeatures must be in (0, 1].");

        var psi = Math.Min(options.MaxSamples, rows);
        var heightLimit = (int)Math.Ceiling(Math.Log2(Math.Max(psi, 2)));
        var featuresPerTree = Math.Max(1, (int)(options.MaxFeatures * dimension));
        var master = new Random(options.Seed);
        var treeSeeds = Enumerable.Range(0, options.Trees).Select(_ => master.Next()).ToArray();
        var trees = new Node[options.Trees][];
        Parallel.For(0, options.Trees, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads), CancellationToken = cancellationToken },
            t => trees[t] = new TreeBuilder(values.Span, rows, dimension, psi, heightLimit, featuresPerTree, options.Bootstrap, new Random(treeSeeds[t])).Build());

        var total = trees.Sum(t => t.Length);
        var nodes = new Node[total];
        var roots = new int[trees.Length];
        var offset = 0;
        for (var t = 0; t < trees.Length; t++)
        {
            roots[t] = offset;
            foreach (var node in trees[t])
                nodes[offset++] = node.IsLeaf ? node : node with { Left = node.Left + roots[t] };
        }
        return new IsolationForest(nodes, roots, dimension, psi);
    }

    /// <summary>The score by the pointer walk, whatever the layout: the reference the faster forms are tested against.</summary>
    internal double ScoreByWalk(ReadOnlySpan<float> row) => Math.Pow(2, -PathLengthSum(row) * _normalizer);

    /// <summary>The anomaly score 2^(-E[h(x)]/c(ψ)) of one row; allocation-free.</summary>
    public double Score(ReadOnlySpan<float> row)
    {
        if (row.Length != Dimension) throw new ArgumentException($"A row must hold {Dimension} values.", nameof(row));
        return Math.Pow(2, -(_perfect?.SumOne(row) ?? PathLengthSum(row)) * _normalizer);
    }

    /// <summary>Scores every row of a row-major matrix into <paramref name="scores"/> on this thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // the batch loop: optimized from the first call (tier-0 code ran the first batches 2x slower)
    public void Score(ReadOnlySpan<float> values, Span<double> scores)
    {
        if (values.Length != scores.Length * Dimension) throw new ArgumentException($"Expected {scores.Length} rows of {Dimension} values.");
        var i = 0;
        if (_perfect is not null)
        {
            Span<double> sums = stackalloc double[8];
            var dimension = Dimension;
            Span<float> block = dimension <= 512 ? stackalloc float[8 * dimension] : new float[8 * dimension];
            for (; i + 8 <= scores.Length; i += 8)
            {
                var rows = values.Slice(i * dimension, 8 * dimension);
                for (var k = 0; k < 8; k++)
                    for (var f = 0; f < dimension; f++) block[8 * f + k] = rows[k * dimension + f];
                _perfect.SumEight(ref MemoryMarshal.GetReference(block), sums);
                for (var k = 0; k < 8; k++) scores[i + k] = Math.Pow(2, -sums[k] * _normalizer);
            }
        }
        for (; i < scores.Length; i++) scores[i] = Score(values.Slice(i * Dimension, Dimension));
    }

    /// <summary>Scores a row-major matrix on <paramref name="threads"/> threads.</summary>
    public double[] Score(float[] values, int threads = 0)
    {
        var rows = values.Length / Dimension;
        var scores = new double[rows];
        const int chunk = 1024;
        var chunks = (rows + chunk - 1) / chunk;
        if (chunks <= 1 || threads == 1)
        {
            Score(values, scores);
            return scores;
        }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount }, c =>
        {
            var start = c * chunk;
            var count = Math.Min(chunk, rows - start);
            Score(values.AsSpan(start * Dimension, count * Dimension), scores.AsSpan(start, count));
        });
        return scores;
    }

    private double PathLengthSum(ReadOnlySpan<float> row)
    {
        if (row.Length != Dimension) throw new ArgumentException($"A row must hold {Dimension} values.", nameof(row));
        var nodes = _nodes;
        double sum = 0;
        foreach (var root in _roots)
        {
            var node = nodes[root];
            while (node.Feature >= 0)
                node = nodes[row[node.Feature] <= node.Split ? node.Left : node.Left + 1];
            sum += node.Value;
        }
        return sum;
    }

    private const uint Magic = 0x46494E44; // "DNIF": NAD Isolation Forest
    private const int FormatVersion = 1;

    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(Dimension);
        writer.Write(SamplesPerTree);
        writer.Write(_roots.Length);
        foreach (var root in _roots) writer.Write(root);
        writer.Write(_nodes.Length);
        writer.Write(MemoryMarshal.AsBytes(_nodes.AsSpan()));
    }

    /// <summary>Reads a forest written by <see cref="Save"/>; throws <see cref="InvalidDataException"/> on anything else.</summary>
    public static IsolationForest Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            if (reader.ReadUInt32() != Magic) throw new InvalidDataException("not an Isolation Forest payload");
            var version = reader.ReadInt32();
            if (version != FormatVersion) throw new InvalidDataException($"Isolation Forest payload version {version}; this NAD reads version {FormatVersion}");
            var dimension = reader.ReadInt32();
            var samples = reader.ReadInt32();
            var trees = reader.ReadInt32();
            if (dimension < 1 || samples < 1 || trees < 1 || trees > 1_000_000) throw new InvalidDataException("Isolation Forest payload header is damaged");
            var roots = new int[trees];
            for (var t = 0; t < trees; t++) roots[t] = reader.ReadInt32();
            var count = reader.ReadInt32();
            if (count < trees || count > 100_000_000) throw new InvalidDataException("Isolation Forest node count is damaged");
            var nodes = new Node[count];
            var bytes = MemoryMarshal.AsBytes(nodes.AsSpan());
            if (reader.Read(bytes) != bytes.Length) throw new InvalidDataException("Isolation Forest payload is truncated");
            return new IsolationForest(nodes, roots, dimension, samples);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("Isolation Forest payload is truncated", e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"Isolation Forest payload is inconsistent: {e.Message}", e);
        }
    }

    /// <summary>Grows one tree on its own sample (gathered into a local matrix for cache locality).</summary>
    private sealed class TreeBuilder
    {
        private readonly float[] _sample;
        private readonly int _dimension;
        private readonly int _heightLimit;
        private readonly int[] _features;
        private readonly int[] _rows;
        private readonly Random _random;
        private readonly List<Node> _nodes;

        public TreeBuilder(ReadOnlySpan<float> values, int rows, int dimension, int psi, int heightLimit, int featuresPerTree, bool bootstrap, Random random)
        {
            _dimension = dimension;
            _heightLimit = heightLimit;
            _random = random;
            _nodes = new List<Node>(2 * psi);
            var picked = bootstrap ? WithReplacement(rows, psi, random) : WithoutReplacement(rows, psi, random);
            _sample = new float[psi * dimension];
            for (var i = 0; i < psi; i++) values.Slice(picked[i] * dimension, dimension).CopyTo(_sample.AsSpan(i * dimension));
            _rows = Enumerable.Range(0, psi).ToArray();
            _features = featuresPerTree >= dimension
                ? Enumerable.Range(0, dimension).ToArray()
                : [.. WithoutReplacement(dimension, featuresPerTree, random).Order()];
        }

        public Node[] Build()
        {
            _nodes.Add(default);
            Grow(0, 0, _rows.Length, 0);
            return [.. _nodes];
        }

        private void Grow(int index, int start, int end, int depth)
        {
            var count = end - start;
            if (depth >= _heightLimit || count <= 1 || !TryPickSplit(start, end, out var feature, out var split))
            {
                _nodes[index] = new Node(-1, 0, 0, (float)(depth + AveragePathLength.Of(count)));
                return;
            }
            // Partition rows in place: x <= split to the left (as scikit-learn), the rest right.
            int lo = start, hi = end - 1;
            while (lo <= hi)
            {
                if (_sample[_rows[lo] * _dimension + feature] <= split) lo++;
                else (_rows[lo], _rows[hi]) = (_rows[hi--], _rows[lo]);
            }
            var left = _nodes.Count;
            _nodes.Add(default);
            _nodes.Add(default);
            _nodes[index] = new Node(feature, split, left, 0);
            Grow(left, start, lo, depth + 1);
            Grow(left + 1, lo, end, depth + 1);
        }

        /// <summary>
        /// Draws features without replacement until one varies among the node's rows, then a split
        /// uniformly in [min, max) (scikit-learn's ExtraTree random splitter); false if all are constant.
        /// </summary>
        private bool TryPickSplit(int start, int end, out int feature, out float split)
        {
            Span<int> order = _features.Length <= 512 ? stackalloc int[_features.Length] : new int[_features.Length];
            _features.CopyTo(order);
            for (var remaining = order.Length; remaining > 0; remaining--)
            {
                var pick = _random.Next(remaining);
                feature = order[pick];
                order[pick] = order[remaining - 1];
                float min = float.PositiveInfinity, max = float.NegativeInfinity;
                for (var i = start; i < end; i++)
                {
                    var v = _sample[_rows[i] * _dimension + feature];
                    if (v < min) min = v;
                    if (v > max) max = v;
                }
                if (max > min)
                {
                    split = (float)(min + _random.NextDouble() * ((double)max - min));
                    if (split >= max) split = min;
                    return true;
                }
            }
            feature = -1;
            split = 0;
            return false;
        }

        private static int[] WithReplacement(int n, int k, Random random)
        {
            var picked = new int[k];
            for (var i = 0; i < k; i++) picked[i] = random.Next(n);
            return picked;
        }

        /// <summary>k distinct indices from [0, n) (Floyd's algorithm: k draws, no n-sized array).</summary>
        private static int[] WithoutReplacement(int n, int k, Random random)
        {
            if (k >= n) return Enumerable.Range(0, n).ToArray();
            var chosen = new HashSet<int>(k);
            var picked = new int[k];
            var next = 0;
            for (var j = n - k; j < n; j++)
            {
                var t = random.Next(j + 1);
                picked[next++] = chosen.Add(t) ? t : Add(chosen, j);
            }
            return picked;

            static int Add(HashSet<int> set, int value)
            {
                set.Add(value);
                return value;
            }
        }
    }
}
