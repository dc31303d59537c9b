using System.Threading.Channels;

namespace Nad.Alerts.Export;

/// <summary>
/// Stored alerts on their way out: one bounded queue and one background loop per sink, so a slow or
/// dead sink holds up only itself. <see cref="Enqueue"/> never waits: a full queue drops an alert
/// (the oldest or the new one, <see cref="ExportOverflow"/>) and counts it dropped. Each loop takes up to
/// <see cref="ExportSettings.MaxBatch"/> queued alerts and hands them to its sink, which retries on its own terms.
/// </summary>
public sealed class AlertExportPipeline : IAsyncDisposable
{
    private readonly Lane[] _lanes;
    private readonly IExportObserver? _observer;
    private readonly int _maxBatch;
    private readonly CancellationTokenSource _giveUp = new();
    private bool _completed;

    public AlertExportPipeline(IReadOnlyList<IAlertSink> sinks, int queueCapacity, int maxBatch, ExportOverflow overflow, IExportObserver? observer = null)
    {
        _observer = observer;
        _maxBatch = maxBatch;
        _lanes = [.. sinks.Select(sink => new Lane(sink, queueCapacity, overflow, this))];
        foreach (var lane in _lanes) lane.Loop = Task.Run(() => RunAsync(lane));
    }

    public IReadOnlyList<string> SinkNames => [.. _lanes.Select(l => l.Sink.Name)];

    /// <summary>Offers alerts to every sink's queue; returns at once.</summary>
    public void Enqueue(IReadOnlyList<Alert> alerts)
    {
        foreach (var lane in _lanes)
            foreach (var alert in alerts)
                if (!lane.Queue.Writer.TryWrite(alert)) Count(lane, ExportOutcome.Dropped, 1); // only after Complete
    }

    /// <summary>Alerts waiting in a sink's queue (not counting the batch being delivered).</summary>
    public int QueueDepth(string sink) => _lanes.First(l => l.Sink.Name == sink).Queue.Reader.Count;

    /// <summary>What was counted for a sink so far.</summary>
    public long Counted(string sink, ExportOutcome outcome) => Interlocked.Read(ref _lanes.First(l => l.Sink.Name == sink).Counts[(int)outcome]);

    /// <summary>
    /// Stops taking alerts and waits up to <paramref name="timeout"/> for the queues to empty; then
    /// cancels deliveries still retrying. Returns the alerts left undelivered (counted dropped).
    /// </summary>
    public async Task<long> DrainAsync(TimeSpan timeout)
    {
        _completed = true;
        foreach (var lane in _lanes) lane.Queue.Writer.TryComplete();
        var all = Task.WhenAll(_lanes.Select(l => l.Loop!));
        if (await Task.WhenAny(all, Task.Delay(timeout)) != all) await _giveUp.CancelAsync();
        await all;
        return _lanes.Sum(l => Interlocked.Read(ref l.Counts[(int)ExportOutcome.Dropped]));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed) await DrainAsync(TimeSpan.Zero);
        foreach (var lane in _lanes) await lane.Sink.DisposeAsync();
        _giveUp.Dispose();
    }

    private async Task RunAsync(Lane lane)
    {
        var batch = new List<Alert>(_maxBatch);
        var reader = lane.Queue.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < _maxBatch && reader.TryRead(out var alert)) batch.Add(alert);
            if (_giveUp.IsCancellationRequested)
            {
                Count(lane, ExportOutcome.Dropped, batch.Count);
                batch.Clear();
                continue;
            }
            DeliveryReport report;
            try
            {
                report = await lane.Sink.SendAsync(batch, _giveUp.Token);
            }
            catch (Exception e) // a sink's bug must not end its loop: the batch is lost, the next one is tried
            {
                _observer?.Failed(lane.Sink.Name, e.Message, givingUp: true);
                report = DeliveryReport.Dropped(0);
            }
            if (report.Retries > 0) Count(lane, ExportOutcome.Retried, report.Retries * batch.Count);
            Count(lane, report.Delivered ? ExportOutcome.Sent : ExportOutcome.Dropped, batch.Count);
            batch.Clear();
        }
    }

    private void Count(Lane lane, ExportOutcome outcome, int alerts)
    {
        if (alerts == 0) return;
        Interlocked.Add(ref lane.Counts[(int)outcome], alerts);
        _observer?.Counted(lane.Sink.Name, outcome, alerts);
    }

    private sealed class Lane
    {
        public Lane(IAlertSink sink, int capacity, ExportOverflow overflow, AlertExportPipeline pipeline)
        {
            Sink = sink;
            Queue = Channel.CreateBounded<Alert>(new BoundedChannelOptions(capacity)
            {
                SingleReader = true,
                FullMode = overflow == ExportOverflow.DropOldest ? BoundedChannelFullMode.DropOldest : BoundedChannelFullMode.DropWrite,
            }, _ => pipeline.Count(this, ExportOutcome.Dropped, 1));
        }

        public IAlertSink Sink { get; }
        public Channel<Alert> Queue { get; }
        public long[] Counts { get; } = new long[3];
        public Task? Loop { get; set; }
    }
}
