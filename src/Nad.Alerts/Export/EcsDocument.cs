using System.Buffers;
using System.Text.Json;

namespace Nad.Alerts.Export;

/// <summary>
/// An alert as an Elastic Common Schema 8.11 document (nested objects, as Elasticsearch indexes them):
/// <c>@timestamp</c>, <c>event.*</c> (kind alert, category network, severity, risk score),
/// <c>source</c>/<c>destination</c> ip and port when the record came from traffic, <c>network.transport</c>
/// and <c>network.protocol</c> (the NSL-KDD service; for another schema its own <c>proto</c> and <c>service</c> columns if it has them), <c>rule.name</c> (the model that flagged it) and
/// NAD's own fields under <c>nad.*</c>. docs/alerts-out.md lists every field with a sample.
/// </summary>
public sealed class EcsDocument(Func<string, string?, double?>? thresholdOf = null)
{
    public const string EcsVersion = "8.11.0";

    /// <summary>Syslog severities (RFC 5424), used as <c>event.severity</c> too: a supervised attack is an error, an anomaly a warning.</summary>
    public const int AttackSeverity = 3, AnomalySeverity = 4;

    public static int SeverityOf(Alert alert) => alert.Label == Labels.Attack ? AttackSeverity : AnomalySeverity;

    /// <summary>The model that flagged the alert: the supervised one for an attack, else the unsupervised one.</summary>
    public static (string? Model, string? Version, double? Score) RuleOf(Alert alert) =>
        alert.Label == Labels.Attack || alert.UnsupervisedModel is null
            ? (alert.SupervisedModel, alert.SupervisedVersion, alert.AttackProbability)
            : (alert.UnsupervisedModel, alert.UnsupervisedVersion, alert.AnomalyScore);

    public byte[] ToUtf8(Alert alert)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, alert);
        return buffer.WrittenSpan.ToArray();
    }

    public void Write(Utf8JsonWriter json, Alert alert)
    {
        var (model, version, score) = RuleOf(alert);
        var threshold = model is null ? null : thresholdOf?.Invoke(model, version);
        json.WriteStartObject();
        json.WriteString("@timestamp", alert.TimeUtc.UtcDateTime);
        json.WriteStartObject("ecs");
        json.WriteString("version", EcsVersion);
        json.WriteEndObject();

        json.WriteStartObject("event");
        json.WriteString("kind", "alert");
        json.WriteStartArray("category");
        json.WriteStringValue("network");
        json.WriteEndArray();
        json.WriteStartArray("type");
        json.WriteStringValue("connection");
        json.WriteEndArray();
        json.WriteString("dataset", "nad.alerts");
        if (alert.RecordId is not null) json.WriteString("id", alert.RecordId);
        json.WriteNumber("severity", SeverityOf(alert));
        if (score is { } s && double.IsFinite(s)) json.WriteNumber("risk_score", RiskScore(s, threshold));
        if (alert.Connection is { } started) json.WriteString("start", started.StartTime.UtcDateTime);
        json.WriteEndObject();

        if (alert.Connection is { } c)
        {
            json.WriteStartObject("source");
            json.WriteString("ip", c.SourceAddress.ToString());
            json.WriteNumber("port", c.SourcePort);
            json.WriteEndObject();
            json.WriteStartObject("destination");
            json.WriteString("ip", c.DestinationAddress.ToString());
            json.WriteNumber("port", c.DestinationPort);
            json.WriteEndObject();
        }
        if (alert.Record is { Schema.IsNslKdd: true } record)
        {
            json.WriteStartObject("network");
            json.WriteString("transport", record.ProtocolType);
            json.WriteString("protocol", record.Service);
            json.WriteEndObject();
        }
        else if (alert.Record is { } other && (RecordCategories.Get(other, "proto") ?? RecordCategories.Get(other, "Protocol")) is var transport
                 && RecordCategories.Service(other) is var protocol && (transport ?? protocol) is not null)
        {
            // Another schema: its own proto and service columns when it has them (UNSW-NB15 both, CIC-IDS2017 neither).
            json.WriteStartObject("network");
            if (transport is not null) json.WriteString("transport", transport);
            if (protocol is not null) json.WriteString("protocol", protocol);
            json.WriteEndObject();
        }
        if (model is not null)
        {
            json.WriteStartObject("rule");
            json.WriteString("name", model);
            if (version is not null) json.WriteString("version", version);
            json.WriteEndObject();
        }

        json.WriteStartObject("nad");
        json.WriteString("label", alert.Label);
        if (alert.Family is not null) json.WriteString("family", alert.Family);
        WriteFinite(json, "score", score);
        WriteFinite(json, "threshold", threshold);
        if (alert.RecordId is not null) json.WriteString("record_id", alert.RecordId);
        if (alert.Id > 0) json.WriteNumber("alert_id", alert.Id);
        json.WriteString("endpoint", alert.Endpoint);
        if (alert.Record is { Schema.IsNslKdd: true } flagged) json.WriteString("flag", flagged.Flag);
        else if (alert.Record is { } other) json.WriteString("schema", other.Schema.Name);
        WriteModel(json, "supervised", alert.SupervisedModel, alert.SupervisedVersion, alert.AttackProbability);
        WriteModel(json, "unsupervised", alert.UnsupervisedModel, alert.UnsupervisedVersion, alert.AnomalyScore);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// ECS risk score, 0-100: with the model's threshold known, 50 at the threshold and 100 at twice it
    /// (scores are "higher is more anomalous", and the hybrid's are in units of its cut); without one, the score times 100.
    /// </summary>
    public static double RiskScore(double score, double? threshold)
    {
        var risk = threshold is { } t && t > 0 && double.IsFinite(t) ? 50 * score / t : 100 * score;
        return Math.Round(Math.Clamp(risk, 0, 100), 1);
    }

    private void WriteModel(Utf8JsonWriter json, string name, string? model, string? version, double? score)
    {
        if (model is null) return;
        json.WriteStartObject(name);
        json.WriteString("model", model);
        if (version is not null) json.WriteString("version", version);
        WriteFinite(json, "score", score);
        WriteFinite(json, "threshold", thresholdOf?.Invoke(model, version));
        json.WriteEndObject();
    }

    private static void WriteFinite(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) json.WriteNumber(name, v);
    }
}
