namespace Nad.Alerts.Export;

/// <summary>What happened to exported alerts, counted per sink (the metric's <c>outcome</c> label).</summary>
public enum ExportOutcome
{
    /// <summary>Delivered (for UDP syslog: handed to the network, which may still lose it).</summary>
    Sent,

    /// <summary>Sent again after a failed attempt (one count per alert per retry).</summary>
    Retried,

    /// <summary>Never delivered: the queue overflowed, retries ran out, or shutdown's drain timed out.</summary>
    Dropped,
}
