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
            var isPage = PagePrefixes.Any(p => context.Request.Path.StartsWithSegments(p));
            headers.ContentSecurityPolicy = isPage ? PagePolicy : ApiPolicy;
            if (!isPage) headers.CacheControl = "no-store";
            return Task.CompletedTask;
        }, context);
        return next(context);
    });
}
