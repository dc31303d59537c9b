using Nad.Service.Drift;

namespace Nad.Service.Endpoints;

/// <summary>GET /api/v1/drift: how far each loaded model's recent records have moved from its training data.</summary>
public static class DriftEndpoints
{
    public static RouteGroupBuilder MapDrift(this RouteGroupBuilder api)
    {
        api.MapGet("/drift", (DriftStatus status) => TypedResults.Ok(status.Refresh()))
            .WithName("Drift").WithSummary("Drift of recent scored records against each model's training data: PSI per feature and of the scores, level and warning")
            .WithDescription("PSI below 0.1 is no drift, 0.1 to 0.25 moderate, above 0.25 significant (a warning). The window holds each model's last scored records; " +
                             "no level is given before it holds the minimum sample. Model files written before drift checks existed have no baseline: available is false.");
        return api;
    }
}
