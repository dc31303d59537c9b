using Nad.Core.Drift;
using Nad.Service.Models;

namespace Nad.Service.Drift;

/// <summary>
/// One loaded model's drift as <c>GET /api/v1/drift</c> answers it: the window, the overall level
/// and warning, the score's PSI and every feature's PSI (highest first); for a model file without
/// a drift baseline, <see cref="Available"/> false and why.
/// </summary>
public sealed record ModelDrift(
    string Model,
    string Version,
    bool Supervised,
    bool Active,
    bool Available,
    string? Unavailable,
    int Records,
    int Window,
    int MinimumSample,
    string Level,
    string? Warning,
    double? ScorePsi,
    string? ScoreLevel,
    string? BaselineSource,
    IReadOnlyList<FeatureDriftView> Features)
{
    public static ModelDrift Missing(LoadedModel model, bool active) => new(
        model.Name, model.Version, model.IsSupervised, active, false, DriftBaseline.MissingMessage,
        0, 0, 0, DriftLevels.Name(DriftLevel.None), null, null, null, null, []);

    public static ModelDrift Of(LoadedModel model, bool active, DriftReport report) => new(
        model.Name, model.Version, model.IsSupervised, active, true, null,
        report.Records, report.Capacity, report.MinimumSample, DriftLevels.Name(report.Level), report.Warning,
        report.Score.Psi, DriftLevels.Name(report.Score.Level), model.Drift!.Baseline.Source,
        [.. report.Features.Select(f => new FeatureDriftView(f.Name, f.Psi, DriftLevels.Name(f.Level)))]);
}
