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

    /// <summary>The Pearson matrix of <paramref name="columns"/> (each a full column of values).</summary>
    public static Matrix<double> PearsonMatrix(IReadOnlyList<double[]> columns) =>
        MathNet.Numerics.Statistics.Correlation.PearsonMatrix(columns);

    /// <summary>The Spearman matrix: Pearson on each column's average ranks.</summary>
    public static Matrix<double> SpearmanMatrix(IReadOnlyList<double[]> columns) =>
        PearsonMatrix(columns.AsParallel().AsOrdered().Select(c => Ranking.AverageRanks(c, out _)).ToArray());
}
