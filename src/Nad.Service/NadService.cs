using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Nad.Alerts;
using Nad.Alerts.Stores;
using Nad.Service.Alerts;
using Nad.Service.Dashboard;
using Nad.Service.Drift;
using Nad.Service.Endpoints;
using Nad.Service.Http;
using Nad.Service.Models;
using Nad.Service.Observability;
using Nad.Service.Scoring;
using Nad.Service.Settings;
using Prometheus;
using Scalar.AspNetCore;

namespace Nad.Service;

/// <summary>
/// Builds the detection service: one ASP.NET Core app serving the supervised and unsupervised
/// models, stored alerts, health, metrics and the OpenAPI document. The <c>nad serve</c> command
/// and the standalone entry point both call <see cref="Build"/>; a later dashboard maps its pages
/// onto the same app (see <see cref="SecurityHeaders.PagePrefixes"/>).
/// </summary>
public sealed class NadService
{
    private NadService() { } // not static only so tests can name it: WebApplicationFactory<NadService>

    private const string RateLimitPolicy = "per-client";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        // Per-request framework logs are noise at this rate; start-up, shutdown and NAD's own logs stay.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Error); // a probe every few seconds
        ConfigureServices(builder.Services, builder.Configuration);
        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    public static void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NadServiceOptions>().Bind(configuration.GetSection(NadServiceOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.ConfigureHttpJsonOptions(o => ServiceJson.Configure(o.SerializerOptions));
        services.AddProblemDetails();

        services.AddSingleton<ModelRegistry>();
        // A stored record of a custom schema reads with the schema of a loaded model of that name (built-in schemas always read).
        services.AddSingleton<IAlertStore>(sp => AlertStores.Create(sp.GetRequiredService<IOptions<NadServiceOptions>>().Value.AlertStoreLocation,
            new SchemaResolver(name => sp.GetRequiredService<ModelRegistry>().All.Select(m => m.Detector.Schema).FirstOrDefault(s => s.Name == name))));
        services.AddSingleton<ExportMetrics>();
        services.AddSingleton<AlertExport>();
        services.AddSingleton<Suppressions>(sp => new Suppressions(sp.GetRequiredService<IAlertStore>()));
        services.AddSingleton<AlertWriter>();
        services.AddSingleton<Scorer>();
        services.AddSingleton<DriftStatus>();
        services.AddHostedService<DriftWatcher>();
        // Start order matters: models, then the alert writer, then (added by the host last) the server.
        // Stop order is the reverse, so the server drains requests before the writer drains alerts.
        services.AddHostedService<ModelBootstrapper>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertExport>()); // stops after the writer has queued its last batch
        services.AddHostedService(sp => sp.GetRequiredService<AlertWriter>());
        services.AddDashboard(configuration);

        services.AddHealthChecks().AddCheck<ReadinessCheck>("models-and-alerts", tags: ["ready"]);
        services.AddOpenApi(o => o.DescribeConnectionEndpoints().AddOperationTransformer<RecordSchemaTransformer>().AddOperationTransformer<DeprecatedRouteTransformer>().AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "NAD detection service";
            document.Info.Description = "Network anomaly detection on NSL-KDD connection records. Records are JSON objects with the 41 NSL-KDD column names.";
            return Task.CompletedTask;
        }));

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(RateLimitPolicy, context =>
            {
                var settings = context.RequestServices.GetRequiredService<IOptions<NadServiceOptions>>().Value.RateLimit;
                return settings.Enabled
                    ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "local", _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = settings.PermitsPerWindow,
                        Window = TimeSpan.FromSeconds(settings.WindowSeconds),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("off");
            });
            limiter.OnRejected = async (rejected, token) =>
            {
                var http = rejected.HttpContext;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = 429, Title = "Too many requests", Detail = "This client is over the request rate limit; retry later." },
                });
            };
        });
    }

    public static void ConfigurePipeline(WebApplication app)
    {
        // Last line of defence: a plain 500 problem, never a stack trace (in any environment).
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            ExceptionHandler = async context =>
            {
                var status = context.Response.StatusCode;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = status, Title = status == 500 ? "Internal error (see the service log)" : "Bad request" },
                });
            },
        });
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseHttpMetrics();
        app.UseRateLimiter();

        var api = app.MapGroup(ApiRoutes.Prefix).RequireRateLimiting(RateLimitPolicy).WithTags("api");
        api.MapScoring();
        api.MapScoreFile();
        api.MapScoreCapture();
        api.MapExplain();
        api.MapModels();
        api.MapAlerts();
        api.MapFeedback();
        api.MapSuppressions();
        api.MapDrift();
        app.MapGroup(ApiRoutes.V2Prefix).RequireRateLimiting(RateLimitPolicy).WithTags("api v2").MapScoringV2();
        app.MapDashboard();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status200OK },
        });
        // The drift gauges are set when someone looks: a scrape looks first.
        app.UseWhen(c => c.Request.Path == "/metrics", m => m.Use((c, next) =>
        {
            c.RequestServices.GetRequiredService<DriftStatus>().Refresh();
            c.RequestServices.GetRequiredService<AlertExport>().RefreshMetrics();
            return next(c);
        }));
        app.MapMetrics("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/scalar", o => o.WithTitle("NAD detection service").DisableDefaultFonts());
    }
}
