namespace Nad.Alerts.Export;

/// <summary>Builds the sinks <see cref="ExportSettings"/> names (check <see cref="ExportSettings.Problems"/> first).</summary>
public static class AlertSinks
{
    /// <param name="baseFolder">Where relative file paths are resolved (the service's data folder).</param>
    public static IReadOnlyList<IAlertSink> Create(ExportSettings settings, EcsDocument ecs, string baseFolder, IExportObserver? observer = null)
    {
        var sinks = new List<IAlertSink>();
        foreach (var file in settings.Files)
            sinks.Add(new JsonLinesFileSink(new FileSinkSettings { Path = Path.Combine(baseFolder, file.Path), MaxBytes = file.MaxBytes, Keep = file.Keep }, ecs));
        foreach (var syslog in settings.Syslog) sinks.Add(new SyslogSink(syslog, ecs, observer));
        foreach (var webhook in settings.Webhooks) sinks.Add(new WebhookSink(webhook, ecs, observer));
        return sinks;
    }

    public static AlertExportPipeline Pipeline(ExportSettings settings, EcsDocument ecs, string baseFolder, IExportObserver? observer = null) =>
        new(Create(settings, ecs, baseFolder, observer), settings.QueueCapacity, settings.MaxBatch, settings.Overflow, observer);
}
