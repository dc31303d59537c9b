using Nad.Core.Drift;

namespace Nad.Service.Drift;

/// <summary>The answer of <c>GET /api/v1/drift</c>: the level cut-offs and every loaded model's drift, active ones first.</summary>
public sealed record DriftOverview(IReadOnlyList<ModelDrift> Models)
{
    /// <summary>PSI at or above this is moderate drift.</summary>
    public double ModerateFrom => DriftLevels.Moderate;

    /// <summary>PSI above this is significant drift: the warning.</summary>
    public double SignificantAbove => DriftLevels.Significant;
}
