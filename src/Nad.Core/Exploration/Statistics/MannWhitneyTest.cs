using MathNet.Numerics.Distributions;

namespace Nad.Core.Exploration.Statistics;

/// <summary>
/// Mann-Whitney U: do two samples come from the same distribution, judged by ranks. Uses the
/// normal approximation with tie and continuity corrections (scipy's
/// <c>mannwhitneyu(method="asymptotic", use_continuity=True)</c>), which is what the sample
/// sizes here call for.
/// </summary>
public static class MannWhitneyTest
{
    public static MannWhitneyResult Run(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Alternative alternative = Alternative.TwoSided)
    {
        if (x.Length == 0 || y.Length == 0) throw new ArgumentException("Mann-Whitney U needs two non-empty samples.");
        double n1 = x.Length, n2 = y.Length, n = n1 + n2;
        var combined = new double[x.Length + y.Length];
        x.CopyTo(combined);
        y.CopyTo(combined.AsSpan(x.Length));
        var ranks = Ranking.AverageRanks(combined, out var tieTerm);
        double rankSumX = 0;
        for (var i = 0; i < x.Length; i++) rankSumX += ranks[i];
        var u1 = rankSumX - n1 * (n1 + 1) / 2;
        var u2 = n1 * n2 - u1;

        var mean = n1 * n2 / 2;
        var sd = Math.Sqrt(n1 * n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1))));
        var u = alternative switch
        {
            Alternative.Greater => u1,
            Alternative.Less => u2,
            _ => Math.Max(u1, u2),
        };
        // All values equal: no evidence either way.
        var z = sd > 0 ? (u - mean - 0.5) / sd : 0;
        var p = sd > 0 ? Normal.CDF(0, 1, -z) : 1;
        if (alternative == Alternative.TwoSided) p = Math.Min(1, 2 * p);
        return new MannWhitneyResult(u1, z, p, 2 * u1 / (n1 * n2) - 1, x.Length, y.Length);
    }
}

/// <param name="U">U of the first sample: the number of (x, y) pairs with x &gt; y, ties counting half.</param>
/// <param name="Z">Standardized statistic of the chosen alternative (with continuity correction).</param>
/// <param name="RankBiserial">P(x &gt; y) - P(x &lt; y): -1 to 1, positive when the first sample tends higher.</param>
public sealed record MannWhitneyResult(double U, double Z, double PValue, double RankBiserial, int N1, int N2);
