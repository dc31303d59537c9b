namespace Nad.Core.Drift;

/// <summary>
/// How far a distribution has moved, by the usual population stability index convention
/// (decision 0661): below 0.1 none, 0.1 to 0.25 moderate, above 0.25 significant.
/// </summary>
public enum DriftLevel
{
    None,
    Moderate,
    Significant,
}

/// <summary>The PSI cut-offs of <see cref="DriftLevel"/>, in one place.</summary>
public static class DriftLevels
{
    /// <summary>At or above this PSI a distribution has moved moderately.</summary>
    public const double Moderate = 0.1;

    /// <summary>Above this PSI a distribution has moved significantly: the warning level.</summary>
    public const double Significant = 0.25;

    public static DriftLevel Of(double psi) => psi > Significant ? DriftLevel.Significant
        : psi >= Moderate ? DriftLevel.Moderate
        : DriftLevel.None;

    /// <summary>The level's name as the API, metrics and CLI show it ("none", "moderate", "significant").</summary>
    public static string Name(DriftLevel level) => level switch
    {
        DriftLevel.Moderate => "moderate",
        DriftLevel.Significant => "significant",
        _ => "none",
    };

    public static DriftLevel? Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "none" => DriftLevel.None,
        "moderate" => DriftLevel.Moderate,
        "significant" => DriftLevel.Significant,
        _ => null,
    };
}
