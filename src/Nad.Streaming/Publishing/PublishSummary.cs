namespace Nad.Streaming.Publishing;

/// <summary>What one publish run did: records and messages sent, messages the stream already had (a re-publish), retries after no answer.</summary>
public sealed record PublishSummary(long Records, int Messages, int Duplicates, int Retries);
