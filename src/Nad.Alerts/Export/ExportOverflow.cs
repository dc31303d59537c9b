namespace Nad.Alerts.Export;

/// <summary>What a sink's full queue does with one more alert; either way the alert lost is counted dropped and the scorer never waits.</summary>
public enum ExportOverflow
{
    /// <summary>Drop the oldest queued alert (the newest are the ones an analyst acts on).</summary>
    DropOldest,

    /// <summary>Drop the alert being added (keeps the order of what is delivered gap-free at its start).</summary>
    DropNewest,
}
