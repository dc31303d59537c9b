using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// An Isolation Forest's trees re-laid as perfect binary trees of one height H (the forest's
/// deepest tree), for scoring: each tree keeps its 2^H − 1 splits in breadth-first order (the
/// children of slot p are 2p + 1 and 2p + 2) and 2^H leaf values; a leaf above the bottom fills
/// every bottom slot beneath it. A walk is then exactly H steps with no child pointers and no leaf
/// test: one 8-byte load, one row load and one compare a step. Why: the pointer walk was a dependent
/// load more a step; trees grown to a height limit (8 for 256 samples) are nearly full, so little is
/// padded. Eight walks run side by side for the processor to overlap: eight rows through a tree
/// (batches), or one row through eight trees (one record). Built only when no tree is deeper than
/// <see cref="MaxHeight"/> (at most 4.9 MB for 100 trees); deeper (custom) forests take the pointer walk.
/// </summary>
internal sealed class PerfectTreeLayout
{
    public const int MaxHeight = 12;

    // Lane = the feature's offset in a feature-major block of eight rows (8 × the feature index), so a batch step needs no multiply.
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Split(int Lane, float Threshold);

    private readonly Split[] _splits;
    private readonly float[] _leaves;
    private readonly int _trees;
    private readonly int _height;
    private readonly int _splitsPerTree;
    private readonly int _leavesPerTree;

    private PerfectTreeLayout(Split[] splits, float[] leaves, int trees, int height)
    {
        _splits = splits;
        _leaves = leaves;
        _trees = trees;
        _height = height;
        _splitsPerTree = (1 << height) - 1;
        _leavesPerTree = 1 << height;
    }

    /// <summary>The layout of the trees at <paramref name="roots"/>, or null when a tree is deeper than <see cref="MaxHeight"/>.</summary>
    public static PerfectTreeLayout? TryBuild(ReadOnlySpan<IsolationForest.Node> nodes, ReadOnlySpan<int> roots, ReadOnlySpan<int> heights)
    {
        var height = 0;
        foreach (var h in heights) height = Math.Max(height, h);
        if (height > MaxHeight) return null;
        int splitsPerTree = (1 << height) - 1, leavesPerTree = 1 << height;
        var splits = new Split[roots.Length * splitsPerTree];
        var leaves = new float[roots.Length * leavesPerTree];
        for (var t = 0; t < roots.Length; t++)
            Fill(nodes, roots[t], 0, 0, height, splits.AsSpan(t * splitsPerTree, splitsPerTree), leaves.AsSpan(t * leavesPerTree, leavesPerTree));
        return new PerfectTreeLayout(splits, leaves, roots.Length, height);
    }

    // Node `node` sits at breadth-first slot `slot`, `depth` steps below the root.
    private static void Fill(ReadOnlySpan<IsolationForest.Node> nodes, int node, int slot, int depth, int height, Span<Split> splits, Span<float> leaves)
    {
        var n = nodes[node];
        if (n.IsLeaf)
        {
            // Going left k more times from slot p ends at 2^k (p + 1) − 1; the 2^k bottom slots from there are this leaf's.
            var below = height - depth;
            var first = ((slot + 1) << below) - 1 - ((1 << height) - 1);
            leaves.Slice(first, 1 << below).Fill(n.Value);
            return; // the padding splits under it keep their default: any direction reaches the same value
        }
        splits[slot] = new Split(8 * n.Feature, n.Split);
        Fill(nodes, n.Left, 2 * slot + 1, depth + 1, height, splits, leaves);
        Fill(nodes, n.Left + 1, 2 * slot + 2, depth + 1, height, splits, leaves);
    }

    /// <summary>
    /// Sums each tree's leaf value for eight rows held feature-major in <paramref name="block"/>
    /// (value f of row k at 8f + k), tree by tree in order: the walk's sums bit for bit.
    /// Why feature-major: the eight rows then share one base register and differ by a constant offset;
    /// eight row pointers next to eight slots and the tree did not fit in the registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a kernel: optimized from the first batch, not after tier-0 runs
    public void SumEight(ref float block, Span<double> sums)
    {
        ref var splits = ref MemoryMarshal.GetArrayDataReference(_splits);
        ref var leaves = ref MemoryMarshal.GetArrayDataReference(_leaves);
        nint bottom = _splitsPerTree; // the bottom slots are numbered from 2^H − 1
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        for (var t = 0; t < _trees; t++)
        {
            nint p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0;
            for (var h = _height; h > 0; h--)
            {
                p0 = Next(ref splits, p0, ref block);
                p1 = Next(ref splits, p1, ref Unsafe.Add(ref block, 1));
                p2 = Next(ref splits, p2, ref Unsafe.Add(ref block, 2));
                p3 = Next(ref splits, p3, ref Unsafe.Add(ref block, 3));
                p4 = Next(ref splits, p4, ref Unsafe.Add(ref block, 4));
                p5 = Next(ref splits, p5, ref Unsafe.Add(ref block, 5));
                p6 = Next(ref splits, p6, ref Unsafe.Add(ref block, 6));
                p7 = Next(ref splits, p7, ref Unsafe.Add(ref block, 7));
            }
            s0 += Unsafe.Add(ref leaves, p0 - bottom);
            s1 += Unsafe.Add(ref leaves, p1 - bottom);
            s2 += Unsafe.Add(ref leaves, p2 - bottom);
            s3 += Unsafe.Add(ref leaves, p3 - bottom);
            s4 += Unsafe.Add(ref leaves, p4 - bottom);
            s5 += Unsafe.Add(ref leaves, p5 - bottom);
            s6 += Unsafe.Add(ref leaves, p6 - bottom);
            s7 += Unsafe.Add(ref leaves, p7 - bottom);
            splits = ref Unsafe.Add(ref splits, _splitsPerTree);
            leaves = ref Unsafe.Add(ref leaves, _leavesPerTree);
        }
        sums[0] = s0; sums[1] = s1; sums[2] = s2; sums[3] = s3;
        sums[4] = s4; sums[5] = s5; sums[6] = s6; sums[7] = s7;
    }

    /// <summary>The sum of every tree's leaf value for one row, eight trees side by side, added in tree order: the walk's sum bit for bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double SumOne(ReadOnlySpan<float> row)
    {
        ref var value = ref MemoryMarshal.GetReference(row);
        ref var splits = ref MemoryMarshal.GetArrayDataReference(_splits);
        ref var leaves = ref MemoryMarshal.GetArrayDataReference(_leaves);
        nint stride = _splitsPerTree, bottom = _splitsPerTree, width = _leavesPerTree;
        double sum = 0;
        var t = 0;
        for (; t + 8 <= _trees; t += 8)
        {
            nint p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0;
            for (var h = _height; h > 0; h--)
            {
                p0 = NextInRow(ref splits, p0, ref value);
                p1 = NextInRow(ref Unsafe.Add(ref splits, stride), p1, ref value);
                p2 = NextInRow(ref Unsafe.Add(ref splits, 2 * stride), p2, ref value);
                p3 = NextInRow(ref Unsafe.Add(ref splits, 3 * stride), p3, ref value);
                p4 = NextInRow(ref Unsafe.Add(ref splits, 4 * stride), p4, ref value);
                p5 = NextInRow(ref Unsafe.Add(ref splits, 5 * stride), p5, ref value);
                p6 = NextInRow(ref Unsafe.Add(ref splits, 6 * stride), p6, ref value);
                p7 = NextInRow(ref Unsafe.Add(ref splits, 7 * stride), p7, ref value);
            }
            sum += Unsafe.Add(ref leaves, p0 - bottom);
            sum += Unsafe.Add(ref leaves, width + p1 - bottom);
            sum += Unsafe.Add(ref leaves, 2 * width + p2 - bottom);
            sum += Unsafe.Add(ref leaves, 3 * width + p3 - bottom);
            sum += Unsafe.Add(ref leaves, 4 * width + p4 - bottom);
            sum += Unsafe.Add(ref leaves, 5 * width + p5 - bottom);
            sum += Unsafe.Add(ref leaves, 6 * width + p6 - bottom);
            sum += Unsafe.Add(ref leaves, 7 * width + p7 - bottom);
            splits = ref Unsafe.Add(ref splits, 8 * stride);
            leaves = ref Unsafe.Add(ref leaves, 8 * width);
        }
        for (; t < _trees; t++)
        {
            nint p = 0;
            for (var h = _height; h > 0; h--) p = NextInRow(ref splits, p, ref value);
            sum += Unsafe.Add(ref leaves, p - bottom);
            splits = ref Unsafe.Add(ref splits, stride);
            leaves = ref Unsafe.Add(ref leaves, width);
        }
        return sum;
    }

    // Right when the value is not at or below the split (so NaN goes right, as in the walk).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint Next(ref Split splits, nint slot, ref float lane)
    {
        ref var split = ref Unsafe.Add(ref splits, slot);
        // A bool as 0/1, not a ternary: the JIT may turn a ternary into a branch, mispredicted half the time.
        return 2 * slot + 2 - Unsafe.BitCast<bool, byte>(Unsafe.Add(ref lane, split.Lane) <= split.Threshold);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint NextInRow(ref Split splits, nint slot, ref float row)
    {
        ref var split = ref Unsafe.Add(ref splits, slot);
        return 2 * slot + 2 - Unsafe.BitCast<bool, byte>(Unsafe.Add(ref row, split.Lane >> 3) <= split.Threshold);
    }
}
