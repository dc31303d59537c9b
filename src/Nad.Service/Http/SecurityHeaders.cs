namespace Nad.Service.Http;

/// <summary>
/// Security headers on every answer. API answers forbid everything a browser could do with them;
/// HTML pages (the API reference now, the dashboard later) get a policy that lets their own
/// scripts and styles run: register their path prefix in <see cref="PagePrefixes"/>.
/// </summary>
public static class SecurityHeaders
{
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";
    public const string PagePolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
                                     "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

    public static List<PathString> PagePrefixes { get; } = ["/scalar"];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // OnStarting: the exception handler clears headers, so set them as the answer goes out.
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            var isPage = IsPage(context.Request.Path);
            headers.ContentSecurityPolicy = isPage ? PagePolicy : ApiPolicy;
            if (!isPage) headers.CacheControl = "no-store";
            return Task.CompletedTask;
        }, context);
        return next(context);
    });

    private static bool IsPage(PathString path)
    {
        foreach (var prefix in PagePrefixes) // a loop, not LINQ: this runs on every answer
            if (path.StartsWithSegments(prefix)) return true;
        return false;
    }
}
