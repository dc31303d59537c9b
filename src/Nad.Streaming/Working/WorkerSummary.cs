namespace Nad.Streaming.Working;

/// <summary>What one worker did: records and messages committed and acknowledged, alerts among them, redeliveries seen, dead letters sent.</summary>
public sealed record WorkerSummary(long Records, long Messages, long Alerts, long Redeliveries, long DeadLetters);
