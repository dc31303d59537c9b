namespace Nad.Alerts.Export;

/// <summary>
/// Where stored alerts go out (configuration section <c>Nad:Export</c>): any number of files, syslog
/// servers and webhooks, each with its own bounded queue. No sink configured: nothing goes out.
/// </summary>
public sealed class ExportSettings
{
    public const string Section = "Nad:Export";

    /// <summary>Alerts waiting per sink; past it <see cref="Overflow"/> decides which alert is dropped.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Most alerts in one delivery (one webhook request, one burst of syslog messages).</summary>
    public int MaxBatch { get; set; } = 500;

    public ExportOverflow Overflow { get; set; } = ExportOverflow.DropOldest;

    /// <summary>On shutdown, how long the queues may take to empty before what is left is counted dropped.</summary>
    public int DrainSeconds { get; set; } = 10;

    public List<FileSinkSettings> Files { get; set; } = [];
    public List<SyslogSinkSettings> Syslog { get; set; } = [];
    public List<WebhookSinkSettings> Webhooks { get; set; } = [];

    public bool Any => Files.Count + Syslog.Count + Webhooks.Count > 0;

    /// <summary>Every bad setting, each named by its configuration path (<c>Nad:Export:Webhooks:0:Url is ...</c>).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (QueueCapacity is < 1 or > 10_000_000) problems.Add(RetrySettings.Problem(Section, "QueueCapacity", QueueCapacity, "between 1 and 10000000"));
        if (MaxBatch is < 1 or > 100_000) problems.Add(RetrySettings.Problem(Section, "MaxBatch", MaxBatch, "between 1 and 100000"));
        if (!Enum.IsDefined(Overflow)) problems.Add(RetrySettings.Problem(Section, "Overflow", Overflow, "DropOldest or DropNewest"));
        if (DrainSeconds is < 0 or > 3600) problems.Add(RetrySettings.Problem(Section, "DrainSeconds", DrainSeconds, "between 0 and 3600"));
        for (var i = 0; i < Files.Count; i++) problems.AddRange(Files[i].Problems($"{Section}:Files:{i}"));
        for (var i = 0; i < Syslog.Count; i++) problems.AddRange(Syslog[i].Problems($"{Section}:Syslog:{i}"));
        for (var i = 0; i < Webhooks.Count; i++) problems.AddRange(Webhooks[i].Problems($"{Section}:Webhooks:{i}"));
        if (problems.Count == 0)
        {
            var names = Files.Select(f => JsonLinesFileSink.NameFor(f.Path)).Concat(Syslog.Select(SyslogSink.NameFor)).Concat(Webhooks.Select(w => w.SinkName));
            foreach (var twice in names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                problems.Add($"{Section} names sink '{twice.Key}' twice; give each webhook its own Name and each file its own Path.");
        }
        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every bad setting (the CLI's exit 2), or does nothing.</summary>
    public void Check()
    {
        var problems = Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems));
    }
}
