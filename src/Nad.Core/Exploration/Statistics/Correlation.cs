using MathNet.Numerics.LinearAlgebra;

namespace Nad.Core.Exploration.Statistics;

/// <summary>
/// Pearson and Spearman correlation matrices over columns (MathNet.Numerics). Spearman is
/// Pearson on average ranks, so ties are handled as scipy's <c>spearmanr</c> does.
/// </summary>
public static class Correlation
{
    public static double Pearson(IEnumerable<double> x, IEnumerable<double> y) =>
        MathNet.Numerics.Statistics.Correlation.Pearson(x, y);

    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        Pearson(Ranking.AverageRanks(x.ToArray(), out _), Ranking.AverageRanks(y.ToArray(), out _));

    /// <summary>
    /// The Pearson matrix of <paramref name="columns"/> (each a full column of values): each
    /// column is centred and scaled to unit length once, then every pair is one dot product
    /// (MathNet's PearsonMatrix re-walks both columns per pair through IEnumerable: seconds on
    /// 126k rows). A constant column gives NaN, as scipy does.
    /// </summary>
    public static Matrix<double> PearsonMatrix(IReadOnlyList<double[]> columns)
    {
        var unit = columns.AsParallel().AsOrdered().Select(column =>
        {
            var mean = column.Average();
            var centred = column.Select(v => v - mean).ToArray();
            var norm = Math.Sqrt(Dot(centred, centred));
            for (var r = 0; r < centred.Length; r++) centred[r] /= norm;
            return centred;
        }).ToArray();
        var matrix = Matrix<double>.Build.Dense(columns.Count, columns.Count);
        Parallel.For(0, columns.Count, i =>
        {
            for (var j = i; j < columns.Count; j++)
            {
                // Rounding can push |r| a hair above 1; the diagonal is 1 unless the column is constant.
                var r = i == j && !double.IsNaN(unit[i][0]) ? 1 : Math.Clamp(Dot(unit[i], unit[j]), -1, 1);
                matrix[i, j] = r;
                matrix[j, i] = r;
            }
        });
        return matrix;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var vectors = System.Numerics.Vector<double>.Count;
        var sum = System.Numerics.Vector<double>.Zero;
        var i = 0;
        for (; i <= a.Length - vectors; i += vectors)
            sum += new System.Numerics.Vector<double>(a[i..]) * new System.Numerics.Vector<double>(b[i..]);
        var total = System.Numerics.Vector.Sum(sum);
        for (; i < a.Length; i++) total += a[i] * b[i];
        return total;
    }

    /// <summary>The Spearman matrix: Pearson on each column's average ranks.</summary>
    public static Matrix<double> SpearmanMatrix(IReadOnlyList<double[]> columns) =>
        PearsonMatrix(columns.AsParallel().AsOrdered().Select(c => Ranking.AverageRanks(c, out _)).ToArray());
}
