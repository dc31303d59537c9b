namespace Nad.Alerts;

/// <summary>The two words an analyst's feedback may hold: the alert was right (an attack) or wrong (normal traffic).</summary>
public static class FeedbackVerdicts
{
    public const string TruePositive = "true-positive";
    public const string FalsePositive = "false-positive";

    public static bool IsKnown(string? verdict) => verdict is TruePositive or FalsePositive;
}
