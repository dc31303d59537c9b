namespace Nad.Alerts;

/// <summary>The verdict words of answers and stored alerts: a supervised verdict is attack or normal; an alert is attack or anomaly (flagged by the unsupervised model alone).</summary>
public static class Labels
{
    public const string Attack = "attack";
    public const string Normal = "normal";
    public const string Anomaly = "anomaly";
}
