using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Nad.Core.Detectors.Trees;

/// <summary>
/// The batch scoring form of a <see cref="FlatTreeEnsemble"/> whose trees have at most 64 leaves:
/// QuickScorer (Lucchese et al., SIGIR 2015). Instead of walking each tree, which costs a
/// mispredicted branch and a dependent load per level, it goes feature by feature through every
/// split of the forest that tests that feature, sorted by threshold, and stops at the first split
/// the value passes. Each split the value fails rules out the leaves of its left subtree: one AND
/// on the tree's 64-bit leaf mask. The exit leaf of each tree is then the lowest bit left (leaves
/// numbered left to right). Same result as the walk, bit for bit: the same comparisons decide.
/// Eight rows go through the splits together in 512-bit vectors (as V-QuickScorer, Lucchese et
/// al., SIGIR 2016): one comparison tests the eight values, one AND updates the eight masks of the
/// tree, and a feature's scan stops once all eight pass. Here 30% of the splits fail for a typical
/// row, so scalar QuickScorer barely beats the walk; the vector form is about twice as fast.
/// </summary>
internal sealed class QuickScorer
{
    public const int MaxLeaves = 64;

    // Splits grouped by feature (_featureStart[f] .. _featureStart[f + 1]), each group sorted by threshold.
    private readonly int[] _featureStart;
    // The features some split tests, ascending: only these are gathered and scanned (one-hot columns no tree uses cost nothing).
    private readonly int[] _used;
    private readonly Split[] _splits;
    private readonly double[] _leaf;  // tree t's leaves, left to right, at t * 64 (already weighted)
    private readonly int _trees;
    private readonly double _bias;

    // One record per split, so the inner loop reads one array. Mask: all leaves but the split's left subtree.
    // The threshold as a double (exact for a float) so the vector form compares eight doubles without converting.
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Split(double Threshold, int Tree, ulong Mask);

    private QuickScorer(int[] featureStart, Split[] splits, double[] leaf, int trees, double bias)
    {
        _featureStart = featureStart;
        _used = [.. Enumerable.Range(0, featureStart.Length - 1).Where(f => featureStart[f + 1] > featureStart[f])];
        _splits = splits;
        _leaf = leaf;
        _trees = trees;
        _bias = bias;
    }

    /// <summary>
    /// Builds the form from trees given as a start per tree (root node, or ~leaf for a one-leaf tree),
    /// nodes (feature, threshold, left, right: a node index, or ~leaf index) and leaf values;
    /// null when a tree has more than 64 leaves or the processor has no 512-bit vectors (the walk is
    /// then as fast as a scalar QuickScorer: measured in bench/Nad.Bench scoring).
    /// </summary>
    public static QuickScorer? TryBuild(int[] start, int[] feature, float[] threshold, int[] left, int[] right, double[] leafValue, double bias)
    {
        if (!Vector512.IsHardwareAccelerated) return null;
        var splits = new List<(int Feature, Split Split)>(feature.Length);
        var leaf = new double[start.Length * MaxLeaves];
        for (var t = 0; t < start.Length; t++)
        {
            var position = 0;
            if (!Number(start[t])) return null;

            // In-order numbering: returns false past 64 leaves. A split's left subtree holds the leaves
            // numbered from where the walk stood on entering it to where it stands on leaving it.
            bool Number(int node)
            {
                if (node < 0)
                {
                    if (position == MaxLeaves) return false;
                    leaf[t * MaxLeaves + position++] = leafValue[~node];
                    return true;
                }
                var first = position;
                if (!Number(left[node])) return false;
                var leftLeaves = position - first;
                var cleared = (leftLeaves == MaxLeaves ? ulong.MaxValue : (1UL << leftLeaves) - 1) << first;
                splits.Add((feature[node], new Split(threshold[node], t, ~cleared)));
                return Number(right[node]);
            }
        }

        var features = feature.Length == 0 ? 0 : feature.Max() + 1;
        var ordered = splits.OrderBy(s => s.Feature).ThenBy(s => s.Split.Threshold).ToArray();
        var featureStart = new int[features + 1];
        foreach (var s in ordered) featureStart[s.Feature + 1]++;
        for (var f = 0; f < features; f++) featureStart[f + 1] += featureStart[f];
        return new QuickScorer(featureStart, [.. ordered.Select(s => s.Split)], leaf, start.Length, bias);
    }

    /// <summary>Rows scored together, one per 64-bit lane of a 512-bit vector.</summary>
    public const int Lanes = 8;

    /// <summary>
    /// The ensemble's raw output for each row (row i at <c>rows[i * dimension]</c>); <c>sums.Length</c>
    /// is a multiple of <see cref="Lanes"/> and the dimension was checked by the caller.
    /// </summary>
    public void Evaluate(ReadOnlySpan<float> rows, int dimension, Span<double> sums)
    {
        var features = _featureStart.Length - 1;
        // Scratch from the pool: a service scores a block per request, and this would be 14 KB of garbage each time.
        var masks = ArrayPool<Vector512<ulong>>.Shared.Rent(_trees);
        var values = ArrayPool<Vector512<double>>.Shared.Rent(features);
        try
        {
            Evaluate(rows, dimension, sums, masks, values);
        }
        finally
        {
            ArrayPool<Vector512<ulong>>.Shared.Return(masks);
            ArrayPool<Vector512<double>>.Shared.Return(values);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called once per block: the loop must not run as tier-0/OSR code
    private void Evaluate(ReadOnlySpan<float> rows, int dimension, Span<double> sums, Vector512<ulong>[] masks, Vector512<double>[] values)
    {
        ref var bits = ref MemoryMarshal.GetArrayDataReference(masks);
        ref var x = ref MemoryMarshal.GetArrayDataReference(values);
        ref var lanes = ref Unsafe.As<Vector512<double>, double>(ref x); // lane l of feature f's vector at 8f + l
        ref var split = ref MemoryMarshal.GetArrayDataReference(_splits);
        ref var featureStart = ref MemoryMarshal.GetArrayDataReference(_featureStart);
        ref var leaf = ref MemoryMarshal.GetArrayDataReference(_leaf);
        ref var used = ref MemoryMarshal.GetArrayDataReference(_used);
        var usedCount = _used.Length;
        for (var i = 0; i < sums.Length; i += Lanes)
        {
            // The eight rows' values of the used features, feature by feature (float to double is exact, so comparisons are unchanged).
            ref var row = ref Unsafe.AsRef(in rows[i * dimension]);
            for (var l = 0; l < Lanes; l++)
            {
                for (var u = 0; u < usedCount; u++)
                {
                    var f = Unsafe.Add(ref used, u);
                    Unsafe.Add(ref lanes, 8 * f + l) = Unsafe.Add(ref row, f);
                }
                row = ref Unsafe.Add(ref row, dimension);
            }
            for (var t = 0; t < _trees; t++) Unsafe.Add(ref bits, t) = Vector512<ulong>.AllBitsSet;
            for (var u = 0; u < usedCount; u++)
            {
                var f = Unsafe.Add(ref used, u);
                var end = Unsafe.Add(ref featureStart, f + 1);
                var value = Unsafe.Add(ref x, f);
                for (var k = Unsafe.Add(ref featureStart, f); k < end; k++)
                {
                    ref readonly var s = ref Unsafe.Add(ref split, k);
                    // Lanes that pass keep their mask (OR with all ones); lanes that fail (or are NaN) lose the left subtree.
                    var pass = Vector512.LessThanOrEqual(value, Vector512.Create(s.Threshold)).AsUInt64();
                    if (pass == Vector512<ulong>.AllBitsSet) break;
                    Unsafe.Add(ref bits, s.Tree) &= Vector512.Create(s.Mask) | pass;
                }
            }
            for (var l = 0; l < Lanes; l++)
            {
                var sum = 0.0;
                for (var t = 0; t < _trees; t++)
                    sum += Unsafe.Add(ref leaf, (t << 6) + (BitOperations.TrailingZeroCount(Unsafe.Add(ref bits, t).GetElement(l)) & (MaxLeaves - 1)));
                sums[i + l] = sum + _bias;
            }
        }
    }
}
