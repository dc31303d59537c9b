using Nad.Alerts.Export;
using Prometheus;

namespace Nad.Service.Observability;

/// <summary>
/// Alert export at <c>/metrics</c>: <c>nad_alert_exports_total{sink,outcome}</c> (sent, retried, dropped;
/// one count per alert) and <c>nad_alert_export_queue_depth{sink}</c>, set when /metrics is scraped.
/// Failed deliveries are logged too (a warning while retrying, an error when giving up).
/// </summary>
public sealed partial class ExportMetrics(ILogger<ExportMetrics> logger) : IExportObserver
{
    private static readonly Counter Exports = Metrics.CreateCounter(
        "nad_alert_exports_total", "Stored alerts sent out, by sink and outcome (sent, retried: sent again after a failure, dropped: never delivered).", "sink", "outcome");

    private static readonly Gauge QueueDepth = Metrics.CreateGauge(
        "nad_alert_export_queue_depth", "Alerts waiting in a sink's export queue.", "sink");

    public static string OutcomeName(ExportOutcome outcome) => outcome switch
    {
        ExportOutcome.Sent => "sent",
        ExportOutcome.Retried => "retried",
        _ => "dropped",
    };

    /// <summary>Makes every outcome of a sink appear (at 0) from the start, so a dashboard's rate() has a series to read.</summary>
    public static void Declare(string sink)
    {
        foreach (var outcome in Enum.GetValues<ExportOutcome>()) Exports.WithLabels(sink, OutcomeName(outcome));
        QueueDepth.WithLabels(sink).Set(0);
    }

    public static void SetQueueDepth(string sink, int depth) => QueueDepth.WithLabels(sink).Set(depth);

    public void Counted(string sink, ExportOutcome outcome, int alerts) => Exports.WithLabels(sink, OutcomeName(outcome)).Inc(alerts);

    public void Failed(string sink, string error, bool givingUp)
    {
        if (givingUp) LogGaveUp(sink, error);
        else LogRetrying(sink, error);
    }

    [LoggerMessage(LogLevel.Warning, "Alert export to {Sink} failed ({Error}); retrying")]
    private partial void LogRetrying(string sink, string error);

    [LoggerMessage(LogLevel.Error, "Alert export to {Sink} failed ({Error}); the batch is dropped")]
    private partial void LogGaveUp(string sink, string error);
}
