using Nad.Alerts.Export;

namespace Nad.Alerts.Tests.Export;

/// <summary>Alerts for the export tests: real training rows, a third with a connection, record ids of one test run.</summary>
public static class ExportAlerts
{
    public static Alert[] Range(int from, int count, string run) => [.. Enumerable.Range(from, count).Select(i => TrainingRows.AlertFor(i, run))];

    public static string NewRun() => RecordIds.NewRequestKey();

    /// <summary>Retrying fast, so a test's restarts and refusals take milliseconds.</summary>
    public static RetrySettings Quick(int attempts) => new() { MaxAttempts = attempts, InitialDelayMilliseconds = 20, MaxDelayMilliseconds = 200 };

    public static AlertExportPipeline Pipeline(IAlertSink sink, int capacity = 10_000, int maxBatch = 500, ExportOverflow overflow = ExportOverflow.DropOldest) =>
        new([sink], capacity, maxBatch, overflow);
}
