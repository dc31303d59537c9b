using Nad.Core.Drift;
using Nad.Service.Models;
using Nad.Service.Observability;

namespace Nad.Service.Drift;

/// <summary>
/// Looks at every loaded model's drift window: builds the API's view, sets the gauges, and logs
/// once each time a model's level changes (a warning when it becomes significant). The API, a
/// <c>/metrics</c> scrape and the <see cref="DriftWatcher"/> all look through here, so the log
/// follows whichever sees a change first.
/// </summary>
public sealed partial class DriftStatus(ModelRegistry registry, ILogger<DriftStatus> logger)
{
    private readonly Dictionary<LoadedModel, DriftLevel> _levels = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _lock = new();

    public DriftOverview Refresh()
    {
        var models = new List<ModelDrift>();
        foreach (var model in registry.All.OrderByDescending(registry.IsActive))
        {
            var active = registry.IsActive(model);
            if (model.Drift is not { } monitor)
            {
                models.Add(ModelDrift.Missing(model, active));
                continue;
            }
            var report = monitor.Report();
            if (report.Records > 0) DriftMetrics.Set(model.Name, report); // a model that scored nothing has no drift to show
            Note(model, report);
            models.Add(ModelDrift.Of(model, active, report));
        }
        return new DriftOverview(models);
    }

    private void Note(LoadedModel model, DriftReport report)
    {
        DriftLevel previous;
        lock (_lock)
        {
            previous = _levels.GetValueOrDefault(model, DriftLevel.None);
            if (previous == report.Level) return;
            _levels[model] = report.Level;
        }
        if (report.Level == DriftLevel.Significant) LogSignificant(model.Name, model.Version, report.Warning!);
        else LogLevelChanged(model.Name, model.Version, DriftLevels.Name(report.Level), DriftLevels.Name(previous), report.Records,
            report.Features.Count > 0 ? report.Features[0].Name : "", report.Features.Count > 0 ? report.Features[0].Psi : 0);
    }

    [LoggerMessage(LogLevel.Warning, "Model {Model} ({Version}): {Warning}")]
    private partial void LogSignificant(string model, string version, string warning);

    [LoggerMessage(LogLevel.Information, "Model {Model} ({Version}): drift is now {Level} (was {Previous}) over the last {Records} records; highest feature {Feature} (PSI {Psi:0.00})")]
    private partial void LogLevelChanged(string model, string version, string level, string previous, int records, string feature, double psi);
}
