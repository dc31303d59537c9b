using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Nad.Service.Http;

namespace Nad.Service.Endpoints;

/// <summary>Marks an operation deprecated in the OpenAPI document when its route is <see cref="DeprecatedRoute"/>, naming the successor.</summary>
public sealed class DeprecatedRouteTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<DeprecatedRoute>().FirstOrDefault() is { } deprecated)
        {
            operation.Deprecated = true;
            operation.Description = $"Deprecated: use {deprecated.Successor} (API v2). {operation.Description}";
        }
        return Task.CompletedTask;
    }
}
