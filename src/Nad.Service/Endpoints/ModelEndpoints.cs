using Microsoft.AspNetCore.Http.HttpResults;
using Nad.Core.Evaluation;
using Nad.Core.Training;
using Nad.Service.Http;
using Nad.Service.Models;
using Nad.Service.Observability;

namespace Nad.Service.Endpoints;

/// <summary>GET /api/v1/models and POST /api/v1/models/{name}/activate (admin, API key).</summary>
public static class ModelEndpoints
{
    public static RouteGroupBuilder MapModels(this RouteGroupBuilder api)
    {
        api.MapGet("/models", (ModelRegistry registry) => TypedResults.Ok(registry.All.Select(m => ModelView.Of(m, registry.IsActive(m))).ToArray()))
            .WithName("ListModels").WithSummary("List the loaded models with their metadata and metrics");
        api.MapPost("/models/{name}/activate", Activate)
            .AddEndpointFilter<AdminKeyFilter>()
            .WithName("ActivateModel").WithSummary("Make a loaded model the active one of its kind (admin: X-Api-Key header)")
            .WithDescription("Requests in flight finish with the model they started with; later ones use the new one. No restart, nothing dropped.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    // The name is only looked up among models already in memory: it never becomes a file path.
    private static Results<Ok<ModelView>, ProblemHttpResult> Activate(string name, ModelRegistry registry)
    {
        if (registry.Activate(name) is not { } model)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such model",
                detail: $"No loaded model is named '{(name.Length > 64 ? name[..64] + "..." : name)}'. Loaded: {string.Join(", ", registry.All.Select(m => m.Name))}.");
        ServiceMetrics.Activated(model.Name);
        return TypedResults.Ok(ModelView.Of(model, active: true));
    }
}
