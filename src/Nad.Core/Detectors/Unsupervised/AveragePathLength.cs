namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// c(n): the average path length of an unsuccessful search in a binary search tree of n
/// points (Liu, Ting, Zhou 2008), used to normalise Isolation Forest path lengths and to
/// credit leaves that stopped splitting with the depth their points would still have needed.
/// c(n) = 2 H(n-1) - 2 (n-1) / n with the exact harmonic number H, so c(1) = 0 and c(2) = 1
/// fall out of the formula; the usual shortcut H(i) ≈ ln i + γ gives c(2) ≈ 0.15 instead.
/// </summary>
public static class AveragePathLength
{
    private const double EulerGamma = 0.57721566490153286061;
    private const int ExactUpTo = 1024;
    private static readonly double[] Harmonic = BuildHarmonicTable();

    public static double Of(long n)
    {
        if (n <= 1) return 0;
        return 2 * HarmonicNumber(n - 1) - 2.0 * (n - 1) / n;
    }

    /// <summary>H(m) = 1 + 1/2 + ... + 1/m: summed exactly up to 1024, then the asymptotic series (error below 1e-16).</summary>
    public static double HarmonicNumber(long m)
    {
        if (m <= 0) return 0;
        if (m <= ExactUpTo) return Harmonic[m];
        double x = m, inverseSquare = 1 / (x * x);
        return Math.Log(x) + EulerGamma + 1 / (2 * x) - inverseSquare / 12 + inverseSquare * inverseSquare / 120;
    }

    private static double[] BuildHarmonicTable()
    {
        var table = new double[ExactUpTo + 1];
        for (var i = 1; i <= ExactUpTo; i++) table[i] = table[i - 1] + 1.0 / i;
        return table;
    }
}
