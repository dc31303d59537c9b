using Microsoft.Extensions.Options;
using Nad.Alerts;
using Nad.Alerts.Export;
using Nad.Service.Models;
using Nad.Service.Observability;
using Nad.Service.Settings;

namespace Nad.Service.Alerts;

/// <summary>
/// Sends stored alerts out to the sinks in <c>Nad:Export</c> (files, syslog, webhooks) through an
/// <see cref="AlertExportPipeline"/>. <see cref="AlertWriter"/> hands it each batch after the commit, so
/// only stored alerts go out. Started before the writer and so stopped after it: the writer's last
/// batches are queued before the queues drain (for at most <see cref="ExportSettings.DrainSeconds"/>).
/// </summary>
public sealed partial class AlertExport(IOptions<NadServiceOptions> options, ModelRegistry registry, ExportMetrics metrics, ILogger<AlertExport> logger)
    : IHostedService, IAsyncDisposable
{
    private AlertExportPipeline? _pipeline;

    public IReadOnlyList<string> Sinks => _pipeline?.SinkNames ?? [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.Export;
        settings.Check(); // nad serve checked before the host started; a standalone service fails here naming the setting
        if (!settings.Any) return Task.CompletedTask;
        var ecs = new EcsDocument(Threshold);
        _pipeline = AlertSinks.Pipeline(settings, ecs, options.Value.DataDir, metrics);
        foreach (var sink in _pipeline.SinkNames) ExportMetrics.Declare(sink);
        LogStarted(string.Join(", ", _pipeline.SinkNames));
        return Task.CompletedTask;
    }

    /// <summary>Queues committed alerts for every sink; never waits (a full queue drops and counts).</summary>
    public void Enqueue(IReadOnlyList<Alert> stored) => _pipeline?.Enqueue(stored);

    /// <summary>Sets the queue-depth gauges (called when /metrics is scraped).</summary>
    public void RefreshMetrics()
    {
        if (_pipeline is null) return;
        foreach (var sink in _pipeline.SinkNames) ExportMetrics.SetQueueDepth(sink, _pipeline.QueueDepth(sink));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_pipeline is null) return;
        var dropped = await _pipeline.DrainAsync(TimeSpan.FromSeconds(options.Value.Export.DrainSeconds));
        LogDrained(dropped);
    }

    public async ValueTask DisposeAsync()
    {
        if (_pipeline is not null) await _pipeline.DisposeAsync();
        _pipeline = null;
    }

    /// <summary>The threshold of the loaded model that raised an alert (null when that version is no longer loaded).</summary>
    private double? Threshold(string model, string? version) =>
        registry.Find(model) is { } loaded && (version is null || loaded.Version == version) ? loaded.Detector.Threshold : null;

    [LoggerMessage(LogLevel.Information, "Exporting stored alerts to {Sinks}")]
    private partial void LogStarted(string sinks);

    [LoggerMessage(LogLevel.Information, "Alert export stopped; {Dropped} alerts dropped in all (see nad_alert_exports_total)")]
    private partial void LogDrained(long dropped);
}
