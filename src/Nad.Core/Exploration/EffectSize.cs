using System.Globalization;

namespace Nad.Core.Exploration;

/// <summary>Words for numbers in conclusions.</summary>
internal static class EffectSize
{
    /// <summary>
    /// Cohen's conventional cut-offs (0.1 / 0.3 / 0.5), used for rank-biserial r, Cramer's V and
    /// the KS distance alike: with 100k rows every p-value is tiny, so the size is what matters.
    /// </summary>
    public static string Magnitude(double effect) => Math.Abs(effect) switch
    {
        < 0.1 => "negligible",
        < 0.3 => "small",
        < 0.5 => "medium",
        _ => "large",
    };

    public static string P(double p) => p == 0 ? "< 1e-300" : "= " + p.ToString(p < 0.001 ? "0.0e+0" : "0.###", CultureInfo.InvariantCulture);

    public static string N(double value) => value.ToString(Math.Abs(value) >= 100 || value == Math.Floor(value) ? "#,0.##" : "0.###", CultureInfo.InvariantCulture);
}
