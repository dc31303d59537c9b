using System.Text.Json;
using Nad.Traffic.Extraction;

namespace Nad.Service.Captures;

/// <summary>What the extraction read and skipped, sent after the connections.</summary>
public sealed record CaptureReport(
    string Kind,
    long PacketsRead,
    long PacketsUsed,
    Dictionary<string, long> PacketsSkipped,
    long LinesRead,
    Dictionary<string, long> RowsSkipped,
    long Records,
    long Attacks,
    long LateRecords,
    long ConnectionsEndedEarly,
    IReadOnlyList<string> Warnings,
    string? Error)
{
    public static CaptureReport From(string kind, ExtractionReport report, long attacks, string? error, CaptureSpool spool) => new(
        kind,
        report.PacketsRead,
        report.PacketsUsed,
        report.PacketsSkipped.ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Key.ToString()), p => p.Value),
        report.LinesRead,
        new Dictionary<string, long>(report.RowsSkipped),
        report.Records,
        attacks,
        report.LateRecords,
        report.ConnectionsEndedEarly,
        [.. report.Warnings.Select(spool.Hide)],
        error);
}
