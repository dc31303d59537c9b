using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// An Isolation Forest's trees re-laid as perfect binary trees, for batch scoring: tree t of height
/// h keeps its 2^h − 1 splits in breadth-first order (the children of slot p are 2p + 1 and 2p + 2)
/// and its 2^h leaf values; a leaf above the bottom fills every bottom slot beneath it. A row then
/// walks exactly h steps with no child pointers and no leaf test: one 8-byte load, one row load and
/// one compare a step. Why: the pointer walk was a dependent load more a step; trees grown to a
/// height limit (8 for 256 samples) are nearly full, so little is padded. Built only when every
/// tree is at most <see cref="MaxHeight"/> deep; deeper (custom) forests take the pointer walk.
/// </summary>
internal sealed class PerfectTreeLayout
{
    public const int MaxHeight = 12;

    // Lane = the feature's offset in a feature-major block of eight rows (8 × the feature index), so a step needs no multiply.
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Split(int Lane, float Threshold);

    private readonly Split[] _splits;
    private readonly float[] _leaves;
    private readonly int[] _splitStart;
    private readonly int[] _leafStart;
    private readonly int[] _height;

    private PerfectTreeLayout(Split[] splits, float[] leaves, int[] splitStart, int[] leafStart, int[] height)
    {
        _splits = splits;
        _leaves = leaves;
        _splitStart = splitStart;
        _leafStart = leafStart;
        _height = height;
    }

    /// <summary>The layout of the trees at <paramref name="roots"/>, or null when a tree is deeper than <see cref="MaxHeight"/>.</summary>
    public static PerfectTreeLayout? TryBuild(ReadOnlySpan<IsolationForest.Node> nodes, ReadOnlySpan<int> roots, ReadOnlySpan<int> heights)
    {
        foreach (var h in heights) if (h > MaxHeight) return null;
        var splitStart = new int[roots.Length];
        var leafStart = new int[roots.Length];
        int splitCount = 0, leafCount = 0;
        for (var t = 0; t < roots.Length; t++)
        {
            splitStart[t] = splitCount;
            leafStart[t] = leafCount;
            splitCount += (1 << heights[t]) - 1;
            leafCount += 1 << heights[t];
        }
        var splits = new Split[splitCount];
        var leaves = new float[leafCount];
        for (var t = 0; t < roots.Length; t++)
            Fill(nodes, roots[t], 0, 0, heights[t], splits.AsSpan(splitStart[t], (1 << heights[t]) - 1), leaves.AsSpan(leafStart[t], 1 << heights[t]));
        return new PerfectTreeLayout(splits, leaves, splitStart, leafStart, heights.ToArray());
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
    public void SumEight(ref float block, Span<double> sums)
    {
        ref var allSplits = ref MemoryMarshal.GetArrayDataReference(_splits);
        ref var allLeaves = ref MemoryMarshal.GetArrayDataReference(_leaves);
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        for (var t = 0; t < _height.Length; t++)
        {
            ref var splits = ref Unsafe.Add(ref allSplits, _splitStart[t]);
            nint p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0;
            var height = _height[t];
            for (var h = height; h > 0; h--)
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
            // The bottom slots are numbered from 2^h − 1.
            nint leaf = _leafStart[t] - ((1 << height) - 1);
            s0 += Unsafe.Add(ref allLeaves, leaf + p0);
            s1 += Unsafe.Add(ref allLeaves, leaf + p1);
            s2 += Unsafe.Add(ref allLeaves, leaf + p2);
            s3 += Unsafe.Add(ref allLeaves, leaf + p3);
            s4 += Unsafe.Add(ref allLeaves, leaf + p4);
            s5 += Unsafe.Add(ref allLeaves, leaf + p5);
            s6 += Unsafe.Add(ref allLeaves, leaf + p6);
            s7 += Unsafe.Add(ref allLeaves, leaf + p7);
        }
        sums[0] = s0; sums[1] = s1; sums[2] = s2; sums[3] = s3;
        sums[4] = s4; sums[5] = s5; sums[6] = s6; sums[7] = s7;
    }

    // Right when the value is not at or below the split (so NaN goes right, as in the walk).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint Next(ref Split splits, nint slot, ref float lane)
    {
        ref var split = ref Unsafe.Add(ref splits, slot);
        // A bool as 0/1, not a ternary: the JIT may turn a ternary into a branch, mispredicted half the time.
        return 2 * slot + 2 - Unsafe.BitCast<bool, byte>(Unsafe.Add(ref lane, split.Lane) <= split.Threshold);
    }
}
