using Nad.Streaming.Connecting;

namespace Nad.Streaming.Working;

/// <summary>How a scoring worker runs: its name (in verdict rows and metrics), the stream and consumer, when to stop, how often suppression rules are read.</summary>
public sealed record WorkerSettings(string Name, RecordStreams.Settings Streams)
{
    /// <summary>Messages a worker holds at once (small: a killed worker's messages wait AckWait before another gets them).</summary>
    public int Prefetch { get; init; } = 2;

    /// <summary>Stop once the consumer has had nothing to deliver or acknowledge for this long; null runs until cancelled.</summary>
    public TimeSpan? StopWhenIdle { get; init; }

    /// <summary>How old the worker's copy of the store's suppression rules may get: a rule added through the service applies within this.</summary>
    public TimeSpan SuppressionRefresh { get; init; } = TimeSpan.FromSeconds(10);
}
