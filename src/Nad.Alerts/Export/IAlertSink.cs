namespace Nad.Alerts.Export;

/// <summary>
/// One place stored alerts are delivered to (a file, a syslog server, a webhook). A sink retries on
/// its own terms (reconnect, backoff, Retry-After) and says what happened in a <see cref="DeliveryReport"/>;
/// it does not throw for a failed delivery. <see cref="AlertExportPipeline"/> calls one sink from one loop only.
/// </summary>
public interface IAlertSink : IAsyncDisposable
{
    /// <summary>A short name for metrics and logs (<c>file:alerts</c>, <c>syslog:tcp:127.0.0.1:514</c>, <c>webhook:siem</c>).</summary>
    string Name { get; }

    /// <summary>Delivers a batch; <paramref name="cancellationToken"/> ends retrying (the batch is then dropped).</summary>
    Task<DeliveryReport> SendAsync(IReadOnlyList<Alert> batch, CancellationToken cancellationToken);
}
