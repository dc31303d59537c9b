namespace Nad.Cli.Posting;

/// <summary>Batch size, queue bound, flush interval and backoff of a <see cref="RecordPoster"/>.</summary>
public sealed record RecordPosterOptions
{
    /// <summary>Records per request (the service takes up to 10,000 by default).</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Batches waiting to be sent; past this, new batches are dropped and counted.</summary>
    public int QueuedBatches { get; init; } = 64;

    /// <summary>A partial batch is sent after this long, so alerts on a quiet link reach the service soon.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
