using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// Principal component analysis of dense float rows: the mean, and the top eigenvectors of the
/// covariance matrix (MathNet.Numerics' symmetric eigendecomposition) that together explain the
/// asked share of the variance. Projects rows onto them and measures how badly a row is
/// reconstructed from them (the squared distance to the principal subspace), which is large for
/// rows unlike the training data.
/// </summary>
public sealed class PrincipalComponents
{
    private readonly float[] _mean;
    private readonly float[] _components; // Count × Dimension, row-major, orthonormal rows

    public PrincipalComponents(float[] mean, float[] components, double[] explainedVariance, double totalVariance)
    {
        if (mean.Length == 0 || components.Length % mean.Length != 0 || components.Length / mean.Length != explainedVariance.Length)
            throw new ArgumentException("Components must be Count × Dimension with one variance each.");
        _mean = mean;
        _components = components;
        ExplainedVariance = explainedVariance;
        TotalVariance = totalVariance;
    }

    public int Dimension => _mean.Length;
    public int Count => ExplainedVariance.Length;

    /// <summary>Variance along each kept component (the covariance eigenvalues), largest first.</summary>
    public double[] ExplainedVariance { get; }

    /// <summary>The trace of the covariance matrix: all the variance there was.</summary>
    public double TotalVariance { get; }

    public double ExplainedShare => TotalVariance > 0 ? ExplainedVariance.Sum() / TotalVariance : 1;

    /// <summary>Keeps the fewest components whose variance reaches <paramref name="varianceShare"/> of the total.</summary>
    public static PrincipalComponents Fit(float[] values, int rows, int dimension, double varianceShare = 0.95)
    {
        if (rows < 2) throw new ArgumentException("PCA needs at least two rows.", nameof(rows));
        if (values.Length != (long)rows * dimension) throw new ArgumentException($"Expected {rows} × {dimension} values.", nameof(values));
        if (!(varianceShare > 0 && varianceShare <= 1)) throw new ArgumentOutOfRangeException(nameof(varianceShare), "The variance share is in (0, 1].");

        var mean = new double[dimension];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < dimension; j++) mean[j] += values[i * dimension + j];
        for (var j = 0; j < dimension; j++) mean[j] /= rows;

        // Covariance in blocks of rows: X_bᵀ X_b summed, so no n × d double matrix is held.
        var covariance = Matrix<double>.Build.Dense(dimension, dimension);
        const int block = 4096;
        for (var start = 0; start < rows; start += block)
        {
            var count = Math.Min(block, rows - start);
            var chunk = Matrix<double>.Build.Dense(count, dimension, (i, j) => values[(start + i) * dimension + j] - mean[j]);
            covariance += chunk.TransposeThisAndMultiply(chunk);
        }
        covariance /= rows - 1;

        var evd = covariance.Evd(Symmetricity.Symmetric);
        var eigenvalues = evd.EigenValues.Select(v => Math.Max(0, v.Real)).ToArray();
        var order = Enumerable.Range(0, dimension).OrderByDescending(k => eigenvalues[k]).ToArray();
        var total = eigenvalues.Sum();
        var kept = 0;
        double explained = 0;
        while (kept < dimension && (kept == 0 || explained < varianceShare * total - 1e-12 * total))
            explained += eigenvalues[order[kept++]];

        var components = new float[kept * dimension];
        for (var c = 0; c < kept; c++)
            for (var j = 0; j < dimension; j++) components[c * dimension + j] = (float)evd.EigenVectors[j, order[c]];
        return new PrincipalComponents(
            mean.Select(m => (float)m).ToArray(), components, order.Take(kept).Select(k => eigenvalues[k]).ToArray(), total);
    }

    /// <summary>The first <paramref name="count"/> components only (DBSCAN works in a few dimensions, whatever share of the variance they hold).</summary>
    public PrincipalComponents Leading(int count)
    {
        if (count < 1 || count > Count) throw new ArgumentOutOfRangeException(nameof(count), $"Asked for {count} components; {Count} are kept.");
        return new PrincipalComponents(_mean, _components[..(count * Dimension)], ExplainedVariance[..count], TotalVariance);
    }

    /// <summary>Coordinates of a row along the kept components.</summary>
    public void Project(ReadOnlySpan<float> row, Span<float> centered, Span<float> coordinates)
    {
        TensorPrimitives.Subtract(row, _mean, centered);
        for (var c = 0; c < Count; c++) coordinates[c] = TensorPrimitives.Dot(centered, _components.AsSpan(c * Dimension, Dimension));
    }

    /// <summary>‖x − mean‖² − ‖projection‖²: the squared distance from the row to the principal subspace.</summary>
    public double ReconstructionError(ReadOnlySpan<float> row, Span<float> centered)
    {
        if (row.Length != Dimension) throw new ArgumentException($"A row must hold {Dimension} values.", nameof(row));
        TensorPrimitives.Subtract(row, _mean, centered);
        double error = TensorPrimitives.Dot(centered, centered);
        for (var c = 0; c < Count; c++)
        {
            double coordinate = TensorPrimitives.Dot(centered, _components.AsSpan(c * Dimension, Dimension));
            error -= coordinate * coordinate;
        }
        return Math.Max(0, error);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Dimension);
        writer.Write(Count);
        writer.Write(TotalVariance);
        foreach (var v in ExplainedVariance) writer.Write(v);
        foreach (var m in _mean) writer.Write(m);
        foreach (var c in _components) writer.Write(c);
    }

    public static PrincipalComponents Read(BinaryReader reader)
    {
        var dimension = reader.ReadInt32();
        var count = reader.ReadInt32();
        if (dimension < 1 || dimension > 100_000 || count < 1 || count > dimension) throw new InvalidDataException("PCA payload header is damaged");
        var total = reader.ReadDouble();
        var variance = new double[count];
        for (var c = 0; c < count; c++) variance[c] = reader.ReadDouble();
        var mean = new float[dimension];
        for (var j = 0; j < dimension; j++) mean[j] = reader.ReadSingle();
        var components = new float[count * dimension];
        for (var k = 0; k < components.Length; k++) components[k] = reader.ReadSingle();
        return new PrincipalComponents(mean, components, variance, total);
    }
}
