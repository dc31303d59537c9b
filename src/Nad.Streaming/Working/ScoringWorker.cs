using System.Globalization;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Nad.Alerts;
using Nad.Core.Detectors;
using Nad.Core.Records;
using Nad.Core.Training;
using Nad.Streaming.Connecting;
using Nad.Streaming.Messages;
using Nad.Streaming.Observability;

namespace Nad.Streaming.Working;

/// <summary>
/// One of N workers sharing a durable pull consumer. For each message: read the records, score them
/// with the model, write one verdict per record and an alert per flagged record in one transaction,
/// and only then acknowledge. A worker that dies before its ack leaves the message to be redelivered
/// after AckWait; the store skips what was committed already (record ids), so every record ends with
/// exactly one verdict. A message that can never be scored (not nad's, a record that does not read) goes
/// to <c>nad.deadletter.STREAM</c> with the reason in a header, and is terminated; one that keeps failing
/// (the store down) is retried until MaxDeliver, then dead-lettered the same way. Before storing, the alert
/// store's suppression rules (<see cref="WorkerSuppressions"/>, read again every <see cref="WorkerSettings.SuppressionRefresh"/>)
/// keep matching alerts out, as in the service; each one is counted per rule (metrics, and the rule's count in the
/// store once the message is acknowledged). Verdicts are stored for every record.
/// </summary>
public sealed class ScoringWorker(INatsJSContext js, Detector detector, IAlertStore store, WorkerSettings settings)
{
    private readonly string _modelVersion = detector.Manifest.PayloadSha256.Length >= 12 ? detector.Manifest.PayloadSha256[..12] : detector.Manifest.PayloadSha256;
    private readonly WorkerSuppressions _suppressions = new(store, settings.SuppressionRefresh);
    private long _records, _messages, _alerts, _redeliveries, _deadLetters, _suppressed;
    private long _lastActivityTicks = DateTime.UtcNow.Ticks;

    /// <summary>Messages for the operator (the CLI prints them to stderr).</summary>
    public Action<string>? Log { get; init; }

    public WorkerSummary Summary => new(Interlocked.Read(ref _records), Interlocked.Read(ref _messages), Interlocked.Read(ref _alerts),
        Interlocked.Read(ref _redeliveries), Interlocked.Read(ref _deadLetters), Interlocked.Read(ref _suppressed));

    /// <summary>The suppression rules this worker applies, and how many alerts each kept out since it started.</summary>
    public WorkerSuppressions Suppressions => _suppressions;

    public async Task<WorkerSummary> RunAsync(CancellationToken cancellationToken)
    {
        var consumer = await RecordStreams.EnsureConsumerAsync(js, settings.Streams, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = WatchAsync(consumer, stop, cancellationToken);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await foreach (var message in consumer.ConsumeAsync<byte[]>(opts: new NatsJSConsumeOpts { MaxMsgs = settings.Prefetch }, cancellationToken: stop.Token))
                    {
                        Touch();
                        await HandleAsync(message, stop.Token);
                        Touch();
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
                catch (Exception e) when (e is NatsException or TimeoutException)
                {
                    // A server going away mid-consume (a cluster node killed): wait for the client to reconnect and pull again.
                    Log?.Invoke($"consuming paused ({e.GetType().Name}: {e.Message}); resuming");
                    await Task.Delay(500, stop.Token).ContinueWith(_ => { }, CancellationToken.None);
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await watch;
        }
        return Summary;
    }

    private void Touch() => Interlocked.Exchange(ref _lastActivityTicks, DateTime.UtcNow.Ticks);

    /// <summary>Publishes the consumer's lag every 2 s and, with <see cref="WorkerSettings.StopWhenIdle"/>, stops the worker once there is nothing left.</summary>
    private async Task WatchAsync(INatsJSConsumer consumer, CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop.Token);
                await consumer.RefreshAsync(stop.Token);
                var info = consumer.Info;
                WorkerMetrics.Lag(settings.Streams.Stream, settings.Streams.Consumer, info.NumPending, info.NumAckPending, info.NumRedelivered);
                var idleFor = DateTime.UtcNow - new DateTime(Interlocked.Read(ref _lastActivityTicks), DateTimeKind.Utc);
                if (settings.StopWhenIdle is { } idle && idleFor >= idle && info.NumPending == 0 && info.NumAckPending == 0 && !cancellationToken.IsCancellationRequested)
                {
                    Log?.Invoke($"nothing left to score for {idle.TotalSeconds:0} s; stopping");
                    await stop.CancelAsync();
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception e) when (e is NatsException or TimeoutException)
            {
                // No answer during a failover: the next round asks again.
            }
        }
    }

    private async Task HandleAsync(INatsJSMsg<byte[]> message, CancellationToken cancellationToken)
    {
        var deliveries = message.Metadata?.NumDelivered ?? 1;
        if (deliveries > 1)
        {
            Interlocked.Increment(ref _redeliveries);
            WorkerMetrics.Redelivery(settings.Name);
        }
        RecordBatch batch;
        try
        {
            batch = RecordMessages.Decode(message.Headers, message.Data);
        }
        catch (PoisonMessageException e)
        {
            await DeadLetterAsync(message, "poison", e.Message, deliveries, cancellationToken);
            return;
        }
        int alerts;
        IReadOnlyDictionary<long, int> suppressed;
        try
        {
            (alerts, suppressed) = await ScoreAndStoreAsync(batch, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if ((long)deliveries >= settings.Streams.MaxDeliver)
            {
                await DeadLetterAsync(message, "failed", $"scoring or storing failed on delivery {deliveries} of {settings.Streams.MaxDeliver}: {e.Message}", deliveries, cancellationToken);
                return;
            }
            Log?.Invoke($"message {batch.MessageId}: {e.GetType().Name}: {e.Message}; it will be delivered again");
            await message.NakAsync(new AckOpts { NakDelay = TimeSpan.FromSeconds(1) }, cancellationToken);
            return;
        }
        await message.AckAsync(cancellationToken: cancellationToken);
        Interlocked.Add(ref _records, batch.Records.Count);
        Interlocked.Add(ref _alerts, alerts);
        Interlocked.Increment(ref _messages);
        WorkerMetrics.Scored(settings.Name, batch.Records.Count, alerts);
        if (suppressed.Count > 0)
        {
            _suppressions.Count(suppressed);
            foreach (var (rule, count) in suppressed)
            {
                Interlocked.Add(ref _suppressed, count);
                WorkerMetrics.Suppressed(settings.Name, rule, count);
            }
            await StoreSuppressedAsync(suppressed, cancellationToken);
        }
    }

    /// <summary>
    /// Scores a batch in one call and commits its verdicts and the alerts no suppression rule matches in one
    /// transaction; returns the alerts stored and those each rule kept out.
    /// </summary>
    private async Task<(int Alerts, IReadOnlyDictionary<long, int> Suppressed)> ScoreAndStoreAsync(RecordBatch batch, CancellationToken cancellationToken)
    {
        await _suppressions.RefreshIfDueAsync(cancellationToken);
        var scores = detector.Score(batch.Records);
        var now = DateTimeOffset.UtcNow;
        var supervised = detector.Manifest.Supervised;
        var verdicts = new Verdict[scores.Length];
        var alerts = new List<Alert>();
        var isAttack = Array.ConvertAll(scores, detector.IsAttack);
        var families = FamiliesOf(batch.Records, [.. Enumerable.Range(0, scores.Length).Where(i => isAttack[i])]);
        for (var i = 0; i < scores.Length; i++)
        {
            var label = !isAttack[i] ? Labels.Normal : supervised ? Labels.Attack : Labels.Anomaly;
            var id = batch.RecordId(i);
            verdicts[i] = new Verdict(id, now, label, scores[i], settings.Name);
            if (isAttack[i]) alerts.Add(AlertFor(batch.Records[i], batch.Connections?[i], label, scores[i], now, id, families?.GetValueOrDefault(i)));
        }
        var (kept, suppressed) = _suppressions.Apply(alerts);
        await store.AppendAsync(verdicts, kept, cancellationToken);
        return (kept.Count, suppressed);
    }

    /// <summary>For a family model, the decided family of each flagged record (one extra pass over those only), as the service's alerts have it; else null.</summary>
    private Dictionary<int, string>? FamiliesOf(IReadOnlyList<ConnectionRecord> records, int[] flagged)
    {
        if (detector.FamilyClassifier is not { } classifier || flagged.Length == 0) return null;
        var probabilities = classifier.FamilyProbabilities([.. flagged.Select(i => records[i])]);
        return flagged.Select((row, k) => (row, family: classifier.Classes.Decided(probabilities[k], attack: true)))
            .ToDictionary(p => p.row, p => p.family);
    }

    /// <summary>
    /// Adds a committed batch's suppressions to the rules' counts in the store, where the service's API shows them. The
    /// message is acknowledged already: a failure here is logged and leaves the count in the metrics only.
    /// </summary>
    private async Task StoreSuppressedAsync(IReadOnlyDictionary<long, int> suppressed, CancellationToken cancellationToken)
    {
        try
        {
            await store.AddSuppressedAsync(suppressed.ToDictionary(p => p.Key, p => (long)p.Value), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log?.Invoke($"suppression counts not stored ({e.GetType().Name}: {e.Message}); they are in nad_worker_alerts_suppressed_total");
        }
    }

    private Alert AlertFor(ConnectionRecord record, ConnectionEndpoints? connection, string label, double score, DateTimeOffset now, string id, string? family) =>
        detector.Manifest.Supervised
            ? new Alert(0, now, "worker", label, family, detector.Name, _modelVersion, score, null, null, null, record, connection, RecordId: id)
            : new Alert(0, now, "worker", label, null, null, null, null, detector.Name, _modelVersion, score, record, connection, RecordId: id);

    private async Task DeadLetterAsync(INatsJSMsg<byte[]> message, string kind, string reason, ulong deliveries, CancellationToken cancellationToken)
    {
        var headers = new NatsHeaders
        {
            [StreamNames.ReasonHeader] = reason,
            [StreamNames.OriginalSubjectHeader] = message.Subject,
            [StreamNames.OriginalSequenceHeader] = (message.Metadata?.Sequence.Stream ?? 0).ToString(CultureInfo.InvariantCulture),
            [StreamNames.DeliveriesHeader] = deliveries.ToString(CultureInfo.InvariantCulture),
        };
        if (message.Headers is { } original)
            foreach (var (name, values) in original.Where(h => h.Key.StartsWith("Nad-", StringComparison.Ordinal) && !headers.ContainsKey(h.Key)))
                headers[name] = values;
        var ack = await js.PublishAsync(StreamNames.DeadLetterSubject(settings.Streams.Stream), message.Data ?? [], headers: headers, cancellationToken: cancellationToken);
        ack.EnsureSuccess();
        await message.AckTerminateAsync(cancellationToken: cancellationToken);
        Interlocked.Increment(ref _deadLetters);
        WorkerMetrics.DeadLetter(settings.Name, kind);
        Log?.Invoke($"dead letter ({kind}): {message.Subject} #{message.Metadata?.Sequence.Stream}: {reason}");
    }
}
