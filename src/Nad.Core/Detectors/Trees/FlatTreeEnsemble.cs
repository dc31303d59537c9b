using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML.Trainers.FastTree;

namespace Nad.Core.Detectors.Trees;

/// <summary>
/// A trained ML.NET tree ensemble copied into flat arrays, scored without ML.NET: no IDataView,
/// no PredictionEngine, no allocation per record, thread-safe. ML.NET trains; this scores
/// (ML.NET's batch transform costs ~200 µs per record here, this ~1 µs).
/// Node n splits on Feature[n] at Threshold[n]: value &lt;= threshold goes Left[n], else Right[n];
/// a child below zero is leaf ~child.
/// </summary>
public sealed class FlatTreeEnsemble
{
    private const int FormatVersion = 1;

    // The stored form (the model file's layout).
    private readonly int[] _roots;      // first node of each tree in the flat arrays
    private readonly int[] _feature;
    private readonly float[] _threshold;
    private readonly int[] _left;
    private readonly int[] _right;
    private readonly int[] _leafStart;  // first leaf of each tree in _leafValue
    private readonly double[] _leafValue;
    private readonly double[] _weight;

    // The scoring form, built once: one 16-byte node per split (one cache line holds four), children
    // as global node indexes or ~global leaf index, and each leaf already multiplied by its tree's weight.
    private readonly Node[] _nodes;
    private readonly int[] _start;      // per tree: root node, or ~leaf for a single-leaf tree
    private readonly double[] _leaf;
    private readonly int _featuresNeeded;
    private readonly QuickScorer? _batch;   // the batch form when every tree has at most 64 leaves


    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Node(int Feature, float Threshold, int Left, int Right);

    internal FlatTreeEnsemble(int[] roots, int[] feature, float[] threshold, int[] left, int[] right, int[] leafStart, double[] leafValue, double[] weight, double bias)
    {
        _roots = roots;
        _feature = feature;
        _threshold = threshold;
        _left = left;
        _right = right;
        _leafStart = leafStart;
        _leafValue = leafValue;
        _weight = weight;
        Bias = bias;

        _nodes = new Node[feature.Length];
        _leaf = new double[leafValue.Length];
        _start = new int[roots.Length];
        for (var t = 0; t < roots.Length; t++)
        {
            var end = t + 1 < roots.Length ? leafStart[t + 1] : leafValue.Length;
            for (var l = leafStart[t]; l < end; l++) _leaf[l] = weight[t] * leafValue[l];
            _start[t] = roots[t] < 0 ? ~leafStart[t] : roots[t];
        }
        for (var t = 0; t < roots.Length; t++)
        {
            if (roots[t] < 0) continue;
            var nodeEnd = NextStart(roots, t, feature.Length);
            for (var n = roots[t]; n < nodeEnd; n++)
                _nodes[n] = new Node(feature[n], threshold[n], Global(left[n], leafStart[t]), Global(right[n], leafStart[t]));
        }
        _featuresNeeded = feature.Length == 0 ? 0 : feature.Max() + 1;
        _batch = QuickScorer.TryBuild(_start, feature, threshold, [.. _nodes.Select(n => n.Left)], [.. _nodes.Select(n => n.Right)], _leaf, bias);
    }


    private static int Global(int child, int leafStart) => child >= 0 ? child : ~(leafStart + ~child);

    private static int NextStart(int[] roots, int tree, int nodeCount)
    {
        for (var t = tree + 1; t < roots.Length; t++)
            if (roots[t] >= 0) return roots[t];
        return nodeCount;
    }

    public int TreeCount => _roots.Length;

    /// <summary>True when batches are scored by <see cref="QuickScorer"/> (every tree has at most 64 leaves, and 512-bit vectors run).</summary>
    public bool HasBatchForm => _batch is not null;
    public double Bias { get; }

    /// <summary>Copies an ML.NET ensemble. Categorical splits are not used by NAD's encoding and are refused.</summary>
    public static FlatTreeEnsemble From<TTree>(TreeEnsemble<TTree> ensemble) where TTree : RegressionTreeBase
    {
        var builder = new Builder();
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            if (tree.CategoricalSplitFlags.Any(f => f))
                throw new NotSupportedException("Categorical tree splits are not supported.");
            var nodes = tree.NumberOfNodes;
            builder.AddTree(tree.NumericalSplitFeatureIndexes.Take(nodes), tree.NumericalSplitThresholds.Take(nodes),
                tree.LeftChild.Take(nodes), tree.RightChild.Take(nodes), tree.LeafValues, ensemble.TreeWeights[t]);
        }
        return builder.Build(ensemble.Bias);
    }

    /// <summary>
    /// Collects trees one at a time into the flat arrays. Each tree's internal children are numbered
    /// within the tree and its leaves are ~index within the tree; a tree with no splits is a single leaf.
    /// </summary>
    internal sealed class Builder
    {
        private readonly List<int> _roots = [], _leafStart = [], _feature = [], _left = [], _right = [];
        private readonly List<float> _threshold = [];
        private readonly List<double> _leaves = [], _weight = [];

        public void AddTree(IEnumerable<int> feature, IEnumerable<float> threshold, IEnumerable<int> left, IEnumerable<int> right,
            IEnumerable<double> leaves, double weight)
        {
            var offset = _feature.Count;
            _leafStart.Add(_leaves.Count);
            _leaves.AddRange(leaves);
            _feature.AddRange(feature);
            _threshold.AddRange(threshold);
            // Internal children become global node indexes; leaves keep their ~index within the tree.
            _left.AddRange(left.Select(c => c >= 0 ? c + offset : c));
            _right.AddRange(right.Select(c => c >= 0 ? c + offset : c));
            // A single-leaf tree has no nodes: mark it so scoring reads its only leaf.
            _roots.Add(_feature.Count == offset ? -1 : offset);
            _weight.Add(weight);
        }

        public FlatTreeEnsemble Build(double bias) =>
            new([.. _roots], [.. _feature], [.. _threshold], [.. _left], [.. _right], [.. _leafStart], [.. _leaves], [.. _weight], bias);
    }

    /// <summary>
    /// The mean of several averaged ensembles (random forests grown in parts): every tree kept,
    /// each part's weights scaled by its share of all the trees, so the result averages over all.
    /// </summary>
    public static FlatTreeEnsemble Average(IReadOnlyList<FlatTreeEnsemble> parts)
    {
        if (parts.Count == 1) return parts[0];
        double total = parts.Sum(p => p.TreeCount);
        List<int> roots = [], feature = [], left = [], right = [], leafStart = [];
        List<float> threshold = [];
        List<double> leaves = [], weight = [];
        double bias = 0;
        foreach (var part in parts)
        {
            int nodeOffset = feature.Count, leafOffset = leaves.Count;
            var share = part.TreeCount / total;
            roots.AddRange(part._roots.Select(r => r >= 0 ? r + nodeOffset : r));
            leafStart.AddRange(part._leafStart.Select(l => l + leafOffset));
            feature.AddRange(part._feature);
            threshold.AddRange(part._threshold);
            // Internal children are global node indexes: shift them; leaves stay ~index within their tree.
            left.AddRange(part._left.Select(c => c >= 0 ? c + nodeOffset : c));
            right.AddRange(part._right.Select(c => c >= 0 ? c + nodeOffset : c));
            leaves.AddRange(part._leafValue);
            weight.AddRange(part._weight.Select(w => w * share));
            bias += part.Bias * share;
        }
        return new FlatTreeEnsemble([.. roots], [.. feature], [.. threshold], [.. left], [.. right], [.. leafStart], [.. leaves], [.. weight], bias);
    }

    /// <summary>
    /// The ensemble's raw output for one encoded record: the weighted sum of the trees plus the
    /// bias, exactly ML.NET's "Score" (for a forest, the sum of its trees' votes in -1..1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Evaluate(ReadOnlySpan<float> features)
    {
        RequireFeatures(features.Length);
        ref var row = ref MemoryMarshal.GetReference(features);
        double sum = 0;
        var t = 0;
        // Four trees side by side, branch-free, until all four reach a leaf: the walk's branch on every
        // split is mispredicted about half the time, and four independent walks overlap their loads.
        // Added in tree order, so the sum is the walk's bit for bit.
        for (; t + 4 <= _start.Length; t += 4)
        {
            int n0 = _start[t], n1 = _start[t + 1], n2 = _start[t + 2], n3 = _start[t + 3];
            while ((n0 & n1 & n2 & n3) >= 0) // some sign bit clear: a walk is still at a split
            {
                n0 = StepOrStay(n0, ref row);
                n1 = StepOrStay(n1, ref row);
                n2 = StepOrStay(n2, ref row);
                n3 = StepOrStay(n3, ref row);
            }
            sum += _leaf[~n0];
            sum += _leaf[~n1];
            sum += _leaf[~n2];
            sum += _leaf[~n3];
        }
        for (; t < _start.Length; t++)
            sum += _leaf[~Walk(_start[t], ref row)];
        return sum + Bias;
    }

    // A split steps to its child; a leaf (below zero) stays. Both computed, then chosen: no branch
    // (a leaf reads node 0, which exists: a walk reaches this loop only when some tree has a split).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int StepOrStay(int node, ref float row)
    {
        ref var n = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_nodes), node & ~(node >> 31));
        var right = -(int)Unsafe.BitCast<bool, byte>(!(Unsafe.Add(ref row, n.Feature) <= n.Threshold)); // all ones when right
        var next = n.Left ^ ((n.Left ^ n.Right) & right);
        return node < 0 ? node : next;
    }

    /// <summary>
    /// <see cref="Evaluate"/> for many encoded rows (row i at <c>rows[i * dimension]</c>), the same sums
    /// bit for bit: eight rows at a time by <see cref="QuickScorer"/> when there is a batch form, the
    /// rest (and every row without one) by the walk.
    /// </summary>
    public void EvaluateBatch(ReadOnlySpan<float> rows, int dimension, Span<double> sums)
    {
        RequireFeatures(dimension);
        if ((long)sums.Length * dimension > rows.Length)
            throw new ArgumentException($"{sums.Length} rows of {dimension} values need {(long)sums.Length * dimension} values; got {rows.Length}.");
        var done = 0;
        if (_batch is not null)
        {
            done = sums.Length / QuickScorer.Lanes * QuickScorer.Lanes;
            _batch.Evaluate(rows, dimension, sums[..done]);
        }
        for (var i = done; i < sums.Length; i++) sums[i] = Evaluate(rows.Slice(i * dimension, dimension));
    }

    /// <summary><see cref="Evaluate"/> by the plain walk, tree by tree: the reference the faster forms are tested against.</summary>
    internal double EvaluateByWalk(ReadOnlySpan<float> features)
    {
        RequireFeatures(features.Length);
        ref var row = ref MemoryMarshal.GetReference(features);
        double sum = 0;
        for (var t = 0; t < _start.Length; t++) sum += _leaf[~Walk(_start[t], ref row)];
        return sum + Bias;
    }

    private int Walk(int node, ref float row)
    {
        while (node >= 0) node = Step(node, ref row);
        return node;
    }

    // Indexes were checked when the ensemble was built or read (RequireFeatures for the row), so no bounds checks here.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Step(int node, ref float row)
    {
        ref var n = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_nodes), node);
        return Unsafe.Add(ref row, n.Feature) <= n.Threshold ? n.Left : n.Right;
    }

    private void RequireFeatures(int length)
    {
        if (length < _featuresNeeded)
            throw new ArgumentException($"A row holds {length} values; the trees read up to feature {_featuresNeeded - 1}.");
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(FormatVersion);
        writer.Write(Bias);
        WriteArray(writer, _roots);
        WriteArray(writer, _leafStart);
        WriteArray(writer, _feature);
        WriteArray(writer, _left);
        WriteArray(writer, _right);
        writer.Write(_threshold.Length);
        foreach (var v in _threshold) writer.Write(v);
        writer.Write(_leafValue.Length);
        foreach (var v in _leafValue) writer.Write(v);
        writer.Write(_weight.Length);
        foreach (var v in _weight) writer.Write(v);
    }

    public static FlatTreeEnsemble Read(BinaryReader reader, int featureCount)
    {
        var version = reader.ReadInt32();
        if (version != FormatVersion) throw new InvalidDataException($"tree ensemble format {version} is not {FormatVersion}");
        var bias = reader.ReadDouble();
        var roots = ReadInts(reader);
        var leafStart = ReadInts(reader);
        var feature = ReadInts(reader);
        var left = ReadInts(reader);
        var right = ReadInts(reader);
        var threshold = new float[Count(reader)];
        for (var i = 0; i < threshold.Length; i++) threshold[i] = reader.ReadSingle();
        var leafValue = new double[Count(reader)];
        for (var i = 0; i < leafValue.Length; i++) leafValue[i] = reader.ReadDouble();
        var weight = new double[Count(reader)];
        for (var i = 0; i < weight.Length; i++) weight[i] = reader.ReadDouble();

        // Validate every index once here, so that scoring can trust them.
        if (roots.Length != weight.Length || roots.Length != leafStart.Length || feature.Length != threshold.Length
            || feature.Length != left.Length || feature.Length != right.Length)
            throw new InvalidDataException("tree ensemble arrays disagree in length");
        if (feature.Any(f => f < 0 || f >= featureCount))
            throw new InvalidDataException("a split names a feature outside the encoding");
        if (left.Concat(right).Any(c => c >= feature.Length || (c < 0 && ~c >= leafValue.Length)))
            throw new InvalidDataException("a node points outside the tree");
        if (roots.Any(r => r >= feature.Length) || leafStart.Any(s => s < 0 || s >= leafValue.Length))
            throw new InvalidDataException("a tree starts outside the arrays");
        // Children come after their parent (as ML.NET numbers them), so no walk can loop.
        for (var n = 0; n < feature.Length; n++)
            if ((left[n] >= 0 && left[n] <= n) || (right[n] >= 0 && right[n] <= n))
                throw new InvalidDataException("a node points back up its tree");
        for (var t = 0; t < roots.Length; t++)
        {
            var leaves = (t + 1 < roots.Length ? leafStart[t + 1] : leafValue.Length) - leafStart[t];
            if (leaves <= 0) throw new InvalidDataException("a tree has no leaves");
            if (roots[t] < 0) continue;
            var end = NextStart(roots, t, feature.Length);
            for (var n = roots[t]; n < end; n++)
                if ((left[n] < 0 && ~left[n] >= leaves) || (right[n] < 0 && ~right[n] >= leaves))
                    throw new InvalidDataException("a leaf lies outside its tree");
        }
        return new FlatTreeEnsemble(roots, feature, threshold, left, right, leafStart, leafValue, weight, bias);
    }

    private static void WriteArray(BinaryWriter writer, int[] values)
    {
        writer.Write(values.Length);
        foreach (var v in values) writer.Write(v);
    }

    private static int[] ReadInts(BinaryReader reader)
    {
        var values = new int[Count(reader)];
        for (var i = 0; i < values.Length; i++) values[i] = reader.ReadInt32();
        return values;
    }

    private static int Count(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count < 0 || count > 50_000_000) throw new InvalidDataException($"array length {count} is not plausible");
        return count;
    }
}
