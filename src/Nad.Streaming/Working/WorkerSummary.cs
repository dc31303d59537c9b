namespace Nad.Streaming.Working;

/// <summary>What one worker did: records and messages committed and acknowledged, alerts among them, redeliveries seen, dead letters sent, alerts kept out by suppression rules.</summary>
public sealed record WorkerSummary(long Records, long Messages, long Alerts, long Redeliveries, long DeadLetters, long Suppressed = 0);
