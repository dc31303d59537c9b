using System.Numerics;
using System.Numerics.Tensors;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// The mean Euclidean distance from a row to its k nearest reference rows (PyOD's KNN with
/// method "mean"): vectorized brute force, ‖q‖² + ‖r‖² − 2 q·r with TensorPrimitives over a
/// sampled reference set, the k best kept in a stack buffer, so scoring allocates nothing.
/// </summary>
public sealed class KnnDistance
{
    private readonly float[] _reference;
    private readonly float[] _norms;

    public KnnDistance(float[] reference, int dimension, int k)
    {
        if (dimension < 1 || reference.Length == 0 || reference.Length % dimension != 0) throw new ArgumentException("Reference rows must be Count × Dimension.");
        Count = reference.Length / dimension;
        if (k < 1 || k > Count) throw new ArgumentOutOfRangeException(nameof(k), $"k must be from 1 to the {Count} reference rows.");
        _reference = reference;
        Dimension = dimension;
        K = k;
        _norms = new float[Count];
        for (var r = 0; r < Count; r++)
        {
            var row = reference.AsSpan(r * dimension, dimension);
            _norms[r] = TensorPrimitives.Dot(row, row);
        }
    }

    public int Dimension { get; }
    public int Count { get; }
    public int K { get; }
    public ReadOnlySpan<float> Reference => _reference;

    /// <summary>Mean distance to the k nearest reference rows, skipping reference row <paramref name="exclude"/> (itself, when scoring a reference row).</summary>
    public double Score(ReadOnlySpan<float> row, int exclude = -1)
    {
        if (row.Length != Dimension) throw new ArgumentException($"A row must hold {Dimension} values.", nameof(row));
        Span<float> best = K <= 256 ? stackalloc float[K] : new float[K];
        best.Fill(float.PositiveInfinity);
        var norm = TensorPrimitives.Dot(row, row);
        var worst = float.PositiveInfinity;
        for (var r = 0; r < Count; r++)
        {
            if (r == exclude) continue;
            var distance = norm + _norms[r] - 2 * TensorPrimitives.Dot(row, _reference.AsSpan(r * Dimension, Dimension));
            if (distance >= worst) continue;
            // Insert into the sorted k-best list (k is small).
            var i = K - 1;
            while (i > 0 && best[i - 1] > distance)
            {
                best[i] = best[i - 1];
                i--;
            }
            best[i] = distance;
            worst = best[K - 1];
        }
        double sum = 0;
        foreach (var d in best) sum += Math.Sqrt(Math.Max(0, d));
        return sum / K;
    }

    /// <summary>
    /// Scores a row-major batch in parallel, the same as <see cref="Score"/> row by row but
    /// blocked like a matrix product: 64 query rows at a time against 256-row slices of the
    /// reference (which stay in cache), four query rows per pass over a reference row, so the
    /// reference set is streamed from memory once per 64 queries instead of once per query.
    /// </summary>
    public double[] ScoreRows(float[] values)
    {
        if (values.Length % Dimension != 0) throw new ArgumentException($"Rows must hold {Dimension} values each.", nameof(values));
        var rows = values.Length / Dimension;
        var scores = new double[rows];
        Parallel.For(0, (rows + QueryBlock - 1) / QueryBlock, b =>
        {
            var start = b * QueryBlock;
            var count = Math.Min(QueryBlock, rows - start);
            ScoreBlock(values.AsSpan(start * Dimension, count * Dimension), count, scores.AsSpan(start, count));
        });
        return scores;
    }

    private const int QueryBlock = 64;
    private const int ReferenceSlice = 256;

    private void ScoreBlock(ReadOnlySpan<float> queries, int count, Span<double> scores)
    {
        var best = new float[count * K];
        Array.Fill(best, float.PositiveInfinity);
        var worst = new float[count];
        Array.Fill(worst, float.PositiveInfinity);
        var norms = new float[count];
        for (var q = 0; q < count; q++)
        {
            var row = queries.Slice(q * Dimension, Dimension);
            norms[q] = TensorPrimitives.Dot(row, row);
        }
        Span<float> dots = stackalloc float[4];
        for (var r0 = 0; r0 < Count; r0 += ReferenceSlice)
        {
            var r1 = Math.Min(Count, r0 + ReferenceSlice);
            for (var q = 0; q < count; q += 4)
            {
                var group = Math.Min(4, count - q);
                // A short last group repeats its first row; the extra dot products are ignored.
                var q0 = queries.Slice(q * Dimension, Dimension);
                var q1 = group > 1 ? queries.Slice((q + 1) * Dimension, Dimension) : q0;
                var q2 = group > 2 ? queries.Slice((q + 2) * Dimension, Dimension) : q0;
                var q3 = group > 3 ? queries.Slice((q + 3) * Dimension, Dimension) : q0;
                for (var r = r0; r < r1; r++)
                {
                    Dot4(_reference.AsSpan(r * Dimension, Dimension), q0, q1, q2, q3, dots);
                    for (var g = 0; g < group; g++)
                    {
                        var distance = norms[q + g] + _norms[r] - 2 * dots[g];
                        if (distance < worst[q + g]) worst[q + g] = Insert(best.AsSpan((q + g) * K, K), distance);
                    }
                }
            }
        }
        for (var q = 0; q < count; q++)
        {
            double sum = 0;
            foreach (var d in best.AsSpan(q * K, K)) sum += Math.Sqrt(Math.Max(0, d));
            scores[q] = sum / K;
        }
    }

    // Inserts into an ascending k-best list; returns the new k-th best.
    private static float Insert(Span<float> best, float distance)
    {
        var i = best.Length - 1;
        while (i > 0 && best[i - 1] > distance)
        {
            best[i] = best[i - 1];
            i--;
        }
        best[i] = distance;
        return best[^1];
    }

    private static void Dot4(ReadOnlySpan<float> r, ReadOnlySpan<float> q0, ReadOnlySpan<float> q1, ReadOnlySpan<float> q2, ReadOnlySpan<float> q3, Span<float> dots)
    {
        Vector<float> a0 = Vector<float>.Zero, a1 = Vector<float>.Zero, a2 = Vector<float>.Zero, a3 = Vector<float>.Zero;
        var width = Vector<float>.Count;
        var i = 0;
        for (; i <= r.Length - width; i += width)
        {
            var v = new Vector<float>(r.Slice(i));
            a0 += v * new Vector<float>(q0.Slice(i));
            a1 += v * new Vector<float>(q1.Slice(i));
            a2 += v * new Vector<float>(q2.Slice(i));
            a3 += v * new Vector<float>(q3.Slice(i));
        }
        float s0 = Vector.Sum(a0), s1 = Vector.Sum(a1), s2 = Vector.Sum(a2), s3 = Vector.Sum(a3);
        for (; i < r.Length; i++)
        {
            s0 += r[i] * q0[i];
            s1 += r[i] * q1[i];
            s2 += r[i] * q2[i];
            s3 += r[i] * q3[i];
        }
        dots[0] = s0;
        dots[1] = s1;
        dots[2] = s2;
        dots[3] = s3;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Dimension);
        writer.Write(K);
        writer.Write(Count);
        foreach (var v in _reference) writer.Write(v);
    }

    public static KnnDistance Read(BinaryReader reader)
    {
        var dimension = reader.ReadInt32();
        var k = reader.ReadInt32();
        var count = reader.ReadInt32();
        if (dimension < 1 || count < 1 || (long)dimension * count > 500_000_000) throw new InvalidDataException("kNN payload header is damaged");
        var reference = new float[dimension * count];
        for (var i = 0; i < reference.Length; i++) reference[i] = reader.ReadSingle();
        return new KnnDistance(reference, dimension, k);
    }
}
