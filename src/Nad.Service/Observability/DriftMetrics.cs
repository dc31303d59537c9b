using Nad.Core.Drift;
using Prometheus;

namespace Nad.Service.Observability;

/// <summary>
/// Drift gauges at <c>/metrics</c>, set from a model's <see cref="DriftReport"/> each time the
/// service looks at it: PSI of all 41 features (bounded: 41 per loaded model; decision 0663), of
/// the scores, the level and whether it warns.
/// </summary>
public static class DriftMetrics
{
    private static readonly Gauge FeaturePsi = Metrics.CreateGauge(
        "nad_drift_psi", "Population stability index of a feature over the drift window against the model's training rows.", "model", "feature");

    private static readonly Gauge ScorePsi = Metrics.CreateGauge(
        "nad_drift_score_psi", "Population stability index of the model's scores over the drift window against held-out normal training rows.", "model");

    private static readonly Gauge Level = Metrics.CreateGauge(
        "nad_drift_level", "Drift level: 0 none (PSI < 0.1), 1 moderate (0.1 to 0.25), 2 significant (> 0.25); 0 until the window holds the minimum sample.", "model");

    private static readonly Gauge Warning = Metrics.CreateGauge(
        "nad_drift_warning", "1 when the model's drift is significant (a feature or its scores above PSI 0.25), else 0.", "model");

    private static readonly Gauge WindowRecords = Metrics.CreateGauge(
        "nad_drift_window_records", "Scored records in the model's drift window.", "model");

    public static void Set(string model, DriftReport report)
    {
        foreach (var feature in report.Features) FeaturePsi.WithLabels(model, feature.Name).Set(feature.Psi);
        ScorePsi.WithLabels(model).Set(report.Score.Psi);
        Level.WithLabels(model).Set((int)report.Level);
        Warning.WithLabels(model).Set(report.Warning is null ? 0 : 1);
        WindowRecords.WithLabels(model).Set(report.Records);
    }
}
