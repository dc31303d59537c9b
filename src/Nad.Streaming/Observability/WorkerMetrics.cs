using Prometheus;

namespace Nad.Streaming.Observability;

/// <summary>
/// What a scoring worker exposes at /metrics (<c>nad worker --metrics-port</c>): records and messages scored
/// per worker (their rate is the worker's throughput), redeliveries seen, dead letters by reason kind, alerts suppressed per rule, and
/// the shared consumer's lag (messages not yet delivered, delivered but not acknowledged, redelivered).
/// </summary>
public static class WorkerMetrics
{
    private static readonly Counter Records = Metrics.CreateCounter("nad_worker_records_total", "Records scored and committed, by worker.", "worker");
    private static readonly Counter Alerts = Metrics.CreateCounter("nad_worker_alerts_total", "Alerts raised and committed, by worker.", "worker");
    private static readonly Counter Messages = Metrics.CreateCounter("nad_worker_messages_total", "Messages scored, committed and acknowledged, by worker.", "worker");
    private static readonly Counter Redeliveries = Metrics.CreateCounter("nad_worker_redeliveries_total", "Messages received again (a worker died or was too slow before its ack).", "worker");
    private static readonly Counter DeadLetters = Metrics.CreateCounter("nad_worker_dead_letters_total", "Messages sent to the dead-letter subject, by reason kind.", "worker", "reason");
    private static readonly Counter SuppressedAlerts = Metrics.CreateCounter("nad_worker_alerts_suppressed_total",
        "Alerts a suppression rule kept out of the store (not in nad_worker_alerts_total), by worker and rule id.", "worker", "rule");
    private static readonly Gauge Pending = Metrics.CreateGauge("nad_consumer_pending_messages", "Consumer lag: messages in the stream not yet delivered to any worker.", "stream", "consumer");
    private static readonly Gauge AckPending = Metrics.CreateGauge("nad_consumer_ack_pending_messages", "Messages delivered to a worker and not yet acknowledged.", "stream", "consumer");
    private static readonly Gauge Redelivered = Metrics.CreateGauge("nad_consumer_redelivered_messages", "Messages the consumer has delivered more than once and not yet acknowledged.", "stream", "consumer");

    public static void Scored(string worker, int records, int alerts)
    {
        Records.WithLabels(worker).Inc(records);
        Alerts.WithLabels(worker).Inc(alerts);
        Messages.WithLabels(worker).Inc();
    }

    public static void Suppressed(string worker, long ruleId, int alerts) =>
        SuppressedAlerts.WithLabels(worker, ruleId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc(alerts);

    public static void Redelivery(string worker) => Redeliveries.WithLabels(worker).Inc();

    public static void DeadLetter(string worker, string reason) => DeadLetters.WithLabels(worker, reason).Inc();

    public static void Lag(string stream, string consumer, ulong pending, long ackPending, long redelivered)
    {
        Pending.WithLabels(stream, consumer).Set(pending);
        AckPending.WithLabels(stream, consumer).Set(ackPending);
        Redelivered.WithLabels(stream, consumer).Set(redelivered);
    }

    /// <summary>Serves /metrics on <paramref name="port"/> on every interface (a scraper on another machine reads it).</summary>
    public static IDisposable Serve(int port) => new MetricServer(port: port).Start();
}
