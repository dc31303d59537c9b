namespace Nad.Core.Drift;

/// <summary>
/// The population stability index of observed bin counts against expected bin proportions:
/// the sum over bins of (a - e) * ln(a / e). A proportion below <see cref="Epsilon"/> (an empty
/// bin) counts as <see cref="Epsilon"/>, so a bin empty on one side gives a large but finite term.
/// </summary>
public static class PopulationStability
{
    /// <summary>The floor of a bin's proportion (decision 0661).</summary>
    public const double Epsilon = 1e-4;

    /// <param name="expected">The reference proportions, one per bin (summing to 1).</param>
    /// <param name="observed">The observed counts, one per bin.</param>
    /// <param name="total">The sum of <paramref name="observed"/>; 0 gives 0.</param>
    public static double Index(ReadOnlySpan<double> expected, ReadOnlySpan<int> observed, int total)
    {
        if (expected.Length != observed.Length)
            throw new ArgumentException($"{expected.Length} expected proportions but {observed.Length} observed counts.", nameof(observed));
        if (total <= 0) return 0;
        var psi = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            var e = Math.Max(expected[i], Epsilon);
            var a = Math.Max(observed[i] / (double)total, Epsilon);
            psi += (a - e) * Math.Log(a / e);
        }
        return psi;
    }
}
