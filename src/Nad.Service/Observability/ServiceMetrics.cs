using Prometheus;

namespace Nad.Service.Observability;

/// <summary>
/// NAD's own Prometheus metrics, beside the HTTP request counts and latency histogram that
/// prometheus-net's middleware records. Exposed at <c>/metrics</c>.
/// </summary>
public static class ServiceMetrics
{
    private static readonly Counter Scored = Metrics.CreateCounter(
        "nad_records_scored_total", "Connection records scored, by model.", "model");

    private static readonly Counter Alerts = Metrics.CreateCounter(
        "nad_alerts_total", "Alerts raised (records judged an attack or anomaly), by label and attack family.", "label", "family");

    private static readonly Counter AlertsStored = Metrics.CreateCounter(
        "nad_alerts_stored_total", "Alerts written to the alert store.");

    private static readonly Counter AlertsSuppressed = Metrics.CreateCounter(
        "nad_alerts_suppressed_total", "Alerts not stored because a suppression rule matched them, by rule id.", "rule");

    private static readonly Counter ModelSwitches = Metrics.CreateCounter(
        "nad_model_activations_total", "Active model switches, by model.", "model");

    public static void RecordsScored(string model, int count) => Scored.WithLabels(model).Inc(count);

    public static void AlertRaised(string label, string? family, int count = 1) => Alerts.WithLabels(label, family ?? "unknown").Inc(count);

    public static void Stored(int count) => AlertsStored.Inc(count);

    public static void Suppressed(long ruleId) => AlertsSuppressed.WithLabels(ruleId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();

    public static void Activated(string model) => ModelSwitches.WithLabels(model).Inc();
}
