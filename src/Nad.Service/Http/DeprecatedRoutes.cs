namespace Nad.Service.Http;

/// <summary><c>.DeprecatedFor(successor)</c> on a route: the headers of <see cref="DeprecatedRoute"/> on every answer, and its metadata for the OpenAPI document.</summary>
public static class DeprecatedRoutes
{
    public static RouteHandlerBuilder DeprecatedFor(this RouteHandlerBuilder route, string successor)
    {
        var deprecated = new DeprecatedRoute(successor);
        var link = deprecated.LinkHeader;
        return route.WithMetadata(deprecated).AddEndpointFilter(async (context, next) =>
        {
            // Set before the handler runs, so streamed answers and problems carry them too.
            var headers = context.HttpContext.Response.Headers;
            headers["Deprecation"] = deprecated.DeprecationHeader;
            headers.Link = link;
            return await next(context);
        });
    }
}
