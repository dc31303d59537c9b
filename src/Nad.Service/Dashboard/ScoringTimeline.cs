using Microsoft.Extensions.Options;
using Nad.Service.Models;
using Prometheus;

namespace Nad.Service.Dashboard;

/// <summary>
/// Records scored per minute since the service started, for the Overview chart. It samples the
/// service's own Prometheus counter (<c>nad_records_scored_total</c>, per model) rather than hook
/// into scoring: the scoring path stays untouched and the chart agrees with /metrics. Only the
/// supervised models' counts are summed, since /detect and /score-file run both kinds on one record.
/// </summary>
public sealed class ScoringTimeline : BackgroundService
{
    public const int MinuteMs = 60_000;
    private const int KeptMinutes = 24 * 60;

    private readonly ModelRegistry _registry;
    private readonly TimeSpan _interval;
    private readonly Counter? _scored;
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, long> _perMinute = []; // minute (Unix ms / 60,000) -> records
    private double _lastTotal;

    public ScoringTimeline(ModelRegistry registry, IOptions<DashboardOptions> options)
    {
        _registry = registry;
        _interval = TimeSpan.FromSeconds(options.Value.SampleSeconds);
        try
        {
            // Same name, help and labels as ServiceMetrics: prometheus-net hands back the existing counter.
            _scored = Metrics.CreateCounter("nad_records_scored_total", "Connection records scored, by model.", "model");
        }
        catch (InvalidOperationException)
        {
            _scored = null; // the metric changed shape: the chart shows alerts only
        }
        _lastTotal = Total();
    }

    public bool Available => _scored is not null;

    /// <summary>Records scored per minute from <paramref name="fromMinute"/> on (minutes with none are absent).</summary>
    public IReadOnlyDictionary<long, long> Since(long fromMinute)
    {
        Sample();
        lock (_lock) return _perMinute.Where(p => p.Key >= fromMinute).ToDictionary(p => p.Key, p => p.Value);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) Sample();
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Adds what the counter gained since the last sample to the current minute.</summary>
    private void Sample()
    {
        lock (_lock)
        {
            var total = Total();
            var gained = (long)Math.Round(total - _lastTotal);
            _lastTotal = total;
            if (gained <= 0) return;
            var minute = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / MinuteMs;
            _perMinute[minute] = _perMinute.GetValueOrDefault(minute) + gained;
            while (_perMinute.Count > 0 && _perMinute.First().Key < minute - KeptMinutes) _perMinute.Remove(_perMinute.First().Key);
        }
    }

    private double Total()
    {
        if (_scored is null) return 0;
        double total = 0;
        foreach (var labels in _scored.GetAllLabelValues())
            if (_registry.Find(labels[0]) is { IsSupervised: true })
                total += _scored.WithLabels(labels).Value;
        return total;
    }
}
