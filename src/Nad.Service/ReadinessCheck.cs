using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nad.Alerts;
using Nad.Service.Alerts;
using Nad.Service.Models;

namespace Nad.Service;

/// <summary>Ready when start-up loading is done, a supervised model is active and alerts are being accepted.</summary>
public sealed class ReadinessCheck(ModelRegistry registry, AlertWriter alerts) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["supervised"] = registry.Supervised?.Name ?? "none",
            ["unsupervised"] = registry.Unsupervised?.Name ?? "none",
            ["alertsPending"] = alerts.Pending,
        };
        var result = !registry.Started ? HealthCheckResult.Unhealthy("models are still loading", data: data)
            : registry.Supervised is null ? HealthCheckResult.Unhealthy("no supervised model is loaded", data: data)
            : !alerts.Accepting ? HealthCheckResult.Unhealthy("shutting down", data: data)
            : registry.Unsupervised is null ? HealthCheckResult.Degraded("no unsupervised model is loaded", data: data)
            : HealthCheckResult.Healthy("ready", data);
        return Task.FromResult(result);
    }
}
