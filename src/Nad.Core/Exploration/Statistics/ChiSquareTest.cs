using MathNet.Numerics;

namespace Nad.Core.Exploration.Statistics;

/// <summary>
/// Pearson's chi-square test of independence on a contingency table, without Yates'
/// correction (scipy's <c>chi2_contingency(correction=False)</c>), with Cramer's V as the
/// effect size. Rows or columns that are all zero are dropped first: they carry no information.
/// </summary>
public static class ChiSquareTest
{
    public static ChiSquareResult Independence(long[,] table)
    {
        var rows = Enumerable.Range(0, table.GetLength(0)).Where(r => RowSum(table, r) > 0).ToArray();
        var cols = Enumerable.Range(0, table.GetLength(1)).Where(c => ColumnSum(table, c) > 0).ToArray();
        if (rows.Length < 2 || cols.Length < 2)
            return new ChiSquareResult(0, 0, 1, 0, rows.Sum(r => RowSum(table, r)));
        var rowTotals = rows.Select(r => (double)RowSum(table, r)).ToArray();
        var colTotals = cols.Select(c => (double)ColumnSum(table, c)).ToArray();
        var n = rowTotals.Sum();
        double statistic = 0;
        for (var i = 0; i < rows.Length; i++)
            for (var j = 0; j < cols.Length; j++)
            {
                var expected = rowTotals[i] * colTotals[j] / n;
                var diff = table[rows[i], cols[j]] - expected;
                statistic += diff * diff / expected;
            }
        var dof = (rows.Length - 1) * (cols.Length - 1);
        // Upper regularized gamma: the survival function without 1 - CDF cancellation.
        var p = SpecialFunctions.GammaUpperRegularized(dof / 2.0, statistic / 2);
        var cramersV = Math.Sqrt(statistic / (n * (Math.Min(rows.Length, cols.Length) - 1)));
        return new ChiSquareResult(statistic, dof, p, cramersV, (long)n);
    }

    private static long RowSum(long[,] table, int row)
    {
        long sum = 0;
        for (var c = 0; c < table.GetLength(1); c++) sum += table[row, c];
        return sum;
    }

    private static long ColumnSum(long[,] table, int column)
    {
        long sum = 0;
        for (var r = 0; r < table.GetLength(0); r++) sum += table[r, column];
        return sum;
    }
}

/// <param name="CramersV">sqrt(chi2 / (n (min(rows, columns) - 1))): 0 independent, 1 fully dependent.</param>
public sealed record ChiSquareResult(double Statistic, int DegreesOfFreedom, double PValue, double CramersV, long N);
