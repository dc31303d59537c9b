using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Nad.Alerts;
using Nad.Service.Observability;
using Nad.Service.Settings;

namespace Nad.Service.Alerts;

/// <summary>
/// Group commit: requests put alerts on a bounded channel and return; one background loop takes
/// whatever has queued up (up to <see cref="NadServiceOptions.AlertSettings.MaxBatch"/>; when that
/// is only a few, after waiting <see cref="NadServiceOptions.AlertSettings.LingerMilliseconds"/> for
/// more) and writes it in one transaction. On a graceful shutdown the server stops taking requests first
/// (it is the last hosted service started, so the first stopped), then this drains the channel:
/// an alert the API has answered is not lost. Each committed batch is then handed to <see cref="AlertExport"/>.
/// </summary>
public sealed partial class AlertWriter : BackgroundService
{
    private readonly IAlertStore _store;
    private readonly ILogger<AlertWriter> _logger;
    private readonly AlertExport? _export;
    private readonly Channel<Alert> _channel;
    private readonly int _maxBatch;
    private readonly int _lingerBelow;
    private readonly TimeSpan _linger;
    private readonly Suppressions? _suppressions;
    private long _pending;

    public AlertWriter(IAlertStore store, IOptions<NadServiceOptions> options, ILogger<AlertWriter> logger, AlertExport? export = null, Suppressions? suppressions = null)
    {
        _store = store;
        _suppressions = suppressions;
        _logger = logger;
        _export = export;
        var settings = options.Value.Alerts;
        _maxBatch = settings.MaxBatch;
        _lingerBelow = settings.LingerBelow;
        _linger = TimeSpan.FromMilliseconds(settings.LingerMilliseconds);
        _channel = Channel.CreateBounded<Alert>(new BoundedChannelOptions(settings.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // back-pressure, never drop
        });
    }

    /// <summary>Alerts accepted but not yet committed.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>True while alerts are accepted (false once shutdown has begun).</summary>
    public bool Accepting { get; private set; } = true;

    /// <summary>Queues a request's alerts, waiting for room when the queue is full; metrics are counted once per run of equal labels.</summary>
    public async ValueTask EnqueueAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        // Suppression rules apply before storing (and before nad_alerts_total): a suppressed alert is counted by its rule instead.
        if (_suppressions is not null) alerts = _suppressions.Filter(alerts);
        if (alerts.Count == 0) return;
        var run = 0;
        for (var i = 0; i < alerts.Count; i++)
        {
            run++;
            if (i + 1 == alerts.Count || alerts[i + 1].Label != alerts[i].Label || alerts[i + 1].Family != alerts[i].Family)
            {
                ServiceMetrics.AlertRaised(alerts[i].Label, alerts[i].Family, run);
                run = 0;
            }
        }
        Interlocked.Add(ref _pending, alerts.Count);
        foreach (var alert in alerts)
            if (!_channel.Writer.TryWrite(alert))
                await _channel.Writer.WriteAsync(alert, cancellationToken);
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await _store.InitializeAsync(cancellationToken);
        if (_suppressions is not null) await _suppressions.LoadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        Accepting = false;
        _channel.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        await FlushSuppressedAsync(); // what rules kept out since the last batch (a run of suppressed alerts makes none)
        LogDrained(Pending);
    }

    // The loop ignores the stopping token: it ends when the channel is completed and empty.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Alert>(_maxBatch);
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < _maxBatch && reader.TryRead(out var alert)) batch.Add(alert);
            // A few alerts at a time would each pay a whole commit (~60-90 µs against ~3 µs a row): let more queue up.
            if (batch.Count < _lingerBelow && _linger > TimeSpan.Zero && !reader.Completion.IsCompleted)
            {
                await Task.Delay(_linger, CancellationToken.None);
                while (batch.Count < _maxBatch && reader.TryRead(out var alert)) batch.Add(alert);
            }
            await WriteAsync(batch);
            Interlocked.Add(ref _pending, -batch.Count);
            batch.Clear();
            await FlushSuppressedAsync();
        }
    }

    /// <summary>The suppression counts into the store beside the alerts (a failure is logged; the counts wait for the next flush).</summary>
    private async Task FlushSuppressedAsync()
    {
        if (_suppressions is null) return;
        try
        {
            await _suppressions.FlushAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            LogSuppressedNotStored(e);
        }
    }

    private async Task WriteAsync(List<Alert> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _store.AppendAsync(batch, CancellationToken.None);
                ServiceMetrics.Stored(batch.Count);
                _export?.Enqueue(batch); // after the commit: only stored alerts go out
                return;
            }
            catch (Exception e) when (attempt < 3)
            {
                LogRetry(e, batch.Count, attempt);
                await Task.Delay(200 * attempt);
            }
            catch (Exception e)
            {
                LogLost(e, batch.Count);
                return;
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Writing {Count} alerts failed (attempt {Attempt}); retrying")]
    private partial void LogRetry(Exception e, int count, int attempt);

    [LoggerMessage(LogLevel.Error, "Writing {Count} alerts failed three times; they are lost")]
    private partial void LogLost(Exception e, int count);

    [LoggerMessage(LogLevel.Warning, "Adding the suppression counts to the store failed; they are kept for the next flush")]
    private partial void LogSuppressedNotStored(Exception e);

    [LoggerMessage(LogLevel.Information, "Alert writer stopped; {Pending} alerts left unwritten")]
    private partial void LogDrained(long pending);
}
