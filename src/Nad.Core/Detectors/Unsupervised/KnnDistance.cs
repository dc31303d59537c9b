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

    /// <summary>Scores a row-major batch in parallel.</summary>
    public double[] ScoreRows(float[] values)
    {
        var rows = values.Length / Dimension;
        var scores = new double[rows];
        Parallel.For(0, rows, i => scores[i] = Score(values.AsSpan(i * Dimension, Dimension)));
        return scores;
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
