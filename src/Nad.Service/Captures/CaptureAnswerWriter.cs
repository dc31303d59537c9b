using System.Globalization;
using System.Text;
using System.Text.Json;
using Nad.Service.Http;
using Nad.Service.Scoring;
using Nad.Traffic.Connections;

namespace Nad.Service.Captures;

/// <summary>Writes the score-capture answer in one of its three formats, connection by connection.</summary>
internal sealed class CaptureAnswerWriter(Stream body, string format)
{
    private static readonly JsonSerializerOptions Json = ServiceJson.Options;
    // Text writes only: JsonSerializer on a Utf8JsonWriter flushes synchronously, which the server forbids.
    private readonly StreamWriter _text = new(body, new UTF8Encoding(false), 1 << 16);
    private bool _first = true;

    public async Task StartAsync()
    {
        if (format == "json")
            await _text.WriteAsync("{\"connections\":[");
        else if (format == "csv")
            await _text.WriteLineAsync("start,source,source_port,destination,destination_port,protocol,service,flag,verdict,attack_probability,anomaly_score,anomalous,not_observed");
    }

    public async Task ConnectionAsync(ExtractedConnection c, DetectResult r)
    {
        if (format == "json")
        {
            if (!_first) await _text.WriteAsync(',');
            _first = false;
            await _text.WriteAsync(JsonSerializer.Serialize(new ScoredConnection(c, r), Json));
        }
        else if (format == "jsonl")
            await _text.WriteLineAsync(JsonSerializer.Serialize(new ScoredConnection(c, r), Json));
        else
            await _text.WriteLineAsync(string.Join(',',
                c.Endpoints.StartTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
                c.Endpoints.SourceAddress.ToString(), c.Endpoints.SourcePort.ToString(CultureInfo.InvariantCulture),
                c.Endpoints.DestinationAddress.ToString(), c.Endpoints.DestinationPort.ToString(CultureInfo.InvariantCulture),
                c.Record.ProtocolType, c.Record.Service, c.Record.Flag, r.Verdict,
                r.Supervised.AttackProbability.ToString("0.######", CultureInfo.InvariantCulture),
                r.Unsupervised?.AnomalyScore.ToString("0.######", CultureInfo.InvariantCulture) ?? "",
                r.Unsupervised is null ? "" : r.Unsupervised.Anomalous ? "1" : "0",
                string.Join(';', c.NotObserved)));
    }

    public Task FlushAsync(CancellationToken cancellationToken) => _text.FlushAsync(cancellationToken);

    /// <summary>Closes the answer with the report (JSON: a property; JSON lines: a last line; CSV: comment lines).</summary>
    public async Task EndAsync(CaptureReport report)
    {
        if (format == "json")
            await _text.WriteAsync("],\"report\":" + JsonSerializer.Serialize(report, Json) + "}");
        else if (format == "jsonl")
            await _text.WriteLineAsync(JsonSerializer.Serialize(new { report }, Json));
        else
        {
            var read = report.Kind == "zeek-conn-log" ? $"{report.LinesRead} lines read" : $"{report.PacketsRead} packets read, {report.PacketsUsed} used";
            await _text.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"# {report.Kind}: {report.Records} records, {report.Attacks} attacks, {read}"));
            foreach (var (reason, count) in report.PacketsSkipped) await _text.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"# {count} packets skipped: {reason}"));
            foreach (var (reason, count) in report.RowsSkipped) await _text.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"# {count} rows skipped: {reason}"));
            foreach (var warning in report.Warnings) await _text.WriteLineAsync($"# warning: {warning.ReplaceLineEndings(" ")}");
            if (report.Error is { } error) await _text.WriteLineAsync($"# error: {error.ReplaceLineEndings(" ")}");
        }
        await _text.FlushAsync();
        await _text.DisposeAsync();
    }
}
