using MathNet.Numerics;

namespace Nad.Core.Exploration.Statistics;

/// <summary>
/// Two-sample Kolmogorov-Smirnov, two-sided: the largest gap between the two empirical
/// distribution functions. The p-value is exact (lattice-path count, as scipy's
/// <c>method="exact"</c>) when n1 * n2 &lt;= <see cref="ExactLimit"/>, else Kolmogorov's
/// limiting distribution at sqrt(n1 n2 / (n1 + n2)) * D (scipy's <c>kstwobign</c>, R's
/// <c>ks.test(exact = FALSE)</c>).
/// </summary>
public static class KolmogorovSmirnovTest
{
    public const long ExactLimit = 10_000;

    public static KolmogorovSmirnovResult Run(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length == 0 || y.Length == 0) throw new ArgumentException("Kolmogorov-Smirnov needs two non-empty samples.");
        var a = x.ToArray();
        var b = y.ToArray();
        Array.Sort(a);
        Array.Sort(b);
        var (gap, d) = MaxGap(a, b);
        long n1 = a.Length, n2 = b.Length;
        var exact = n1 * n2 <= ExactLimit;
        var p = exact ? ExactPValue(n1, n2, gap) : LimitingPValue(Math.Sqrt((double)n1 * n2 / (n1 + n2)) * d);
        return new KolmogorovSmirnovResult(d, Math.Clamp(p, 0, 1), exact, a.Length, b.Length);
    }

    /// <summary>D = max |F1 - F2| on sorted samples, also as the integer max |c1 n2 - c2 n1| (D times n1 n2).</summary>
    private static (long Gap, double D) MaxGap(double[] a, double[] b)
    {
        long n1 = a.Length, n2 = b.Length, gap = 0;
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            var value = j >= b.Length || (i < a.Length && a[i] <= b[j]) ? a[i] : b[j];
            while (i < a.Length && a[i] == value) i++;
            while (j < b.Length && b[j] == value) j++;
            gap = Math.Max(gap, Math.Abs(i * n2 - j * n1));
        }
        return (gap, (double)gap / (n1 * n2));
    }

    /// <summary>P(D &gt;= observed) under the null: one minus the share of lattice paths that stay strictly inside the band.</summary>
    private static double ExactPValue(long n1, long n2, long gap)
    {
        // row[j] after step i: the number of monotone paths from (0, 0) to (i, j) that keep
        // |i n2 - j n1| < gap at every point. Doubles hold it exactly enough: n1 n2 <= ExactLimit
        // bounds it by C(200, 100) ~ 1e59.
        var row = new double[n2 + 1];
        row[0] = gap > 0 ? 1 : 0;
        for (long j = 1; j <= n2; j++)
            row[j] = j * n1 < gap ? row[j - 1] : 0;
        for (long i = 1; i <= n1; i++)
        {
            row[0] = i * n2 < gap ? row[0] : 0;
            for (long j = 1; j <= n2; j++)
                row[j] = Math.Abs(i * n2 - j * n1) < gap ? row[j] + row[j - 1] : 0;
        }
        var inside = row[n2] / SpecialFunctions.Binomial((int)(n1 + n2), (int)n1);
        return 1 - inside;
    }

    /// <summary>Kolmogorov's distribution: Q(t) = 2 sum_k (-1)^(k-1) exp(-2 k^2 t^2).</summary>
    internal static double LimitingPValue(double t)
    {
        if (t <= 0) return 1;
        if (t < 1)
        {
            // Small t: the alternating series converges slowly; use the theta-function form of the CDF.
            var w = Math.Sqrt(2 * Math.PI) / t;
            var q = Math.Exp(-Math.PI * Math.PI / (8 * t * t));
            double cdf = 0;
            for (var k = 1; k < 20; k++) cdf += Math.Pow(q, (2 * k - 1) * (2 * k - 1));
            return 1 - w * cdf;
        }
        double sum = 0;
        for (var k = 1; k < 100; k++)
        {
            var term = Math.Exp(-2.0 * k * k * t * t);
            sum += (k % 2 == 1 ? 1 : -1) * term;
            if (term < 1e-300) break;
        }
        return 2 * sum;
    }
}

/// <param name="D">The largest absolute gap between the two empirical CDFs.</param>
/// <param name="Exact">True when the p-value is the exact permutation one, false for the large-sample limit.</param>
public sealed record KolmogorovSmirnovResult(double D, double PValue, bool Exact, int N1, int N2);
