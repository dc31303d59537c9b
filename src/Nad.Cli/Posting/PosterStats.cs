namespace Nad.Cli.Posting;

/// <summary>A poster's counts: sent, dropped (queue full or left at the end), rejected by the service, failed attempts (retried).</summary>
public sealed record PosterStats(long RecordsSent, long BatchesSent, long BatchesDropped, long RecordsDropped, long BatchesRejected, long FailedAttempts, string? LastError)
{
    /// <summary>One line for the terminal, e.g. "posted 1,200 records in 3 batches to http://host:5080/; 2 batches (1,000 records) dropped".</summary>
    public string Describe(Uri service)
    {
        var line = $"posted {RecordsSent:N0} records in {BatchesSent:N0} batches to {service}";
        if (BatchesDropped > 0) line += $"; {BatchesDropped:N0} batches ({RecordsDropped:N0} records) dropped (queue full or service down at the end)";
        if (BatchesRejected > 0) line += $"; {BatchesRejected:N0} batches refused by the service";
        if (FailedAttempts > 0) line += $"; {FailedAttempts:N0} failed attempts retried";
        if (LastError is { } error && (BatchesDropped > 0 || BatchesRejected > 0)) line += $" (last error: {error})";
        return line;
    }
}
