using Microsoft.AspNetCore.Http.HttpResults;
using Nad.Alerts;
using Nad.Core.Features;
using Nad.Core.Records;
using Nad.Core.Training;
using Nad.Core.Wire;
using Nad.Service.Http;
using Nad.Service.Models;

namespace Nad.Service.Dashboard;

/// <summary>
/// The web dashboard: static pages at /dashboard (HTML, one vanilla JS module, CSS; charts drawn
/// as SVG in the page) and the few read-only API calls they need beyond the service's own.
/// </summary>
public static class DashboardEndpoints
{
    public const string PagePrefix = "/dashboard";
    private static readonly int[] WindowHours = [1, 6, 24];

    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ModelInsights>();
        services.AddSingleton<ScoringTimeline>();
        services.AddHostedService(sp => sp.GetRequiredService<ScoringTimeline>());
        return services;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        lock (SecurityHeaders.PagePrefixes)
            if (!SecurityHeaders.PagePrefixes.Contains(PagePrefix)) SecurityHeaders.PagePrefixes.Add(PagePrefix);

        app.MapGet("/", () => TypedResults.Redirect(PagePrefix + "/")).ExcludeFromDescription();
        // Routing treats "/dashboard" and "/dashboard/" alike; the page needs the slash so its relative asset links resolve.
        app.MapGet(PagePrefix + "/{*file}", (string? file, HttpContext context) =>
            string.IsNullOrEmpty(file) && !context.Request.Path.Value!.EndsWith('/') ? Results.Redirect(PagePrefix + "/")
            : DashboardAssets.Find(string.IsNullOrEmpty(file) ? "index.html" : file) is { } asset ? Results.Bytes(asset.Bytes, asset.ContentType)
            : Results.NotFound()).ExcludeFromDescription();

        var api = app.MapGroup(ApiRoutes.Prefix).WithTags("dashboard");
        api.MapGet("/schema", Schema).WithName("Schema").WithSummary("The served model's feature columns (NSL-KDD: the 41, grouped; group, kind, one-line description) and the known categorical values");
        api.MapGet("/presets", (ModelRegistry registry) => TypedResults.Ok(
            registry.Served?.Detector.Schema.IsNslKdd == false ? [] : ConnectionPresets.All)).WithName("Presets").WithSummary("Real NSL-KDD rows to try: a normal HTTP connection, a SYN flood, a port sweep (none for a model of another schema)");
        api.MapGet("/overview", OverviewAsync).WithName("Overview").WithSummary("Records scored and alerts over time, alerts by family and service, models")
            .ProducesValidationProblem();
        api.MapGet("/models/{name}/evaluation", EvaluationAsync).WithName("ModelEvaluation")
            .WithSummary("A loaded model measured on KDDTest+: metrics, confusion matrix, ROC curve, recall per family (computed once per version)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/models/{name}/importance", ImportanceAsync).WithName("ModelImportance")
            .WithSummary("Permutation importance of the 41 columns on a KDDTest+ sample (ROC-AUC lost when the column is shuffled)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static Ok<SchemaView> Schema(ModelRegistry registry)
    {
        // The served model's own columns: a model of another schema (nad serve --model u.nadmodel) is scored by its column names.
        if (registry.Served?.Detector is { Schema.IsNslKdd: false } served) return TypedResults.Ok(View(served));
        var columns = NslKddSchema.Columns.Select(c => new SchemaColumn(c.Name, c.Index, c.Kind.ToString(), c.Group, c.Description)).ToArray();
        var categories = new Dictionary<string, IReadOnlyList<string>>();
        var vocabularies = registry.Supervised?.Detector.Encoder.Vocabularies;
        foreach (var column in NslKddSchema.CategoricalColumns)
            categories[column.Name] = vocabularies is null ? [] :
                [.. vocabularies[column.ValueIndex].Where(v => v != FeatureEncoder.UnknownSymbol).Order(StringComparer.Ordinal)];
        return TypedResults.Ok(new SchemaView(columns, categories));
    }

    /// <summary>Any schema but NSL-KDD: one group, numeric columns as "Number" (any finite value), the model's categorical values.</summary>
    private static SchemaView View(Detector detector)
    {
        var schema = detector.Schema;
        var columns = schema.Columns.Select((c, i) => new SchemaColumn(c.Name, i, c.IsCategorical ? "Categorical" : "Number",
            $"{schema.Name} features", c.Description.Length > 0 ? c.Description : (c.IsCategorical ? "A name." : "A number."))).ToArray();
        var categories = new Dictionary<string, IReadOnlyList<string>>();
        for (var c = 0; c < schema.CategoricalColumns.Count; c++)
            categories[schema.CategoricalColumns[c].Name] =
                [.. detector.Encoder.Vocabularies[c].Where(v => v != FeatureEncoder.UnknownSymbol).Order(StringComparer.Ordinal)];
        return new SchemaView(columns, categories);
    }

    private static async Task<IResult> OverviewAsync(int? hours, ModelRegistry registry, ScoringTimeline timeline, IAlertStore alerts, CancellationToken cancellationToken)
    {
        var window = hours ?? 1;
        if (!WindowHours.Contains(window))
        {
            var errors = new FieldErrors(1);
            errors.Add("hours", $"must be one of {string.Join(", ", WindowHours)}");
            return ApiProblems.Invalid(errors);
        }
        var bucketMinutes = window switch { 1 => 1, 6 => 10, _ => 30 };
        var bucketMs = bucketMinutes * (long)ScoringTimeline.MinuteMs;
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var lastBucket = nowMs / bucketMs;
        var count = window * 60 / bucketMinutes;
        var firstBucket = lastBucket - count + 1;
        var since = DateTimeOffset.FromUnixTimeMilliseconds(firstBucket * bucketMs);

        var summary = await alerts.SummarizeAsync(since, bucketMs, cancellationToken);
        var scored = new Dictionary<long, long>();
        foreach (var (minute, records) in timeline.Since(firstBucket * bucketMinutes))
            scored[minute / bucketMinutes] = scored.GetValueOrDefault(minute / bucketMinutes) + records;
        var buckets = Enumerable.Range(0, count).Select(i => firstBucket + i).Select(b => new ActivityBucket(
            DateTimeOffset.FromUnixTimeMilliseconds(b * bucketMs), scored.GetValueOrDefault(b), summary?.PerBucket.GetValueOrDefault(b) ?? 0)).ToArray();
        var models = registry.All.Select(m => ModelView.Of(m, registry.IsActive(m))).ToArray();
        return TypedResults.Ok(new OverviewView(window, bucketMinutes, timeline.Available, summary is not null, scored.Values.Sum(), summary?.Total ?? 0,
            buckets, summary?.ByFamily ?? [], summary?.ByService ?? [], models));
    }

    private static async Task<IResult> EvaluationAsync(string name, ModelRegistry registry, ModelInsights insights)
    {
        if (Problem(name, registry, insights) is { } problem) return problem;
        return TypedResults.Ok(await insights.EvaluateAsync(registry.Find(name)!));
    }

    private static async Task<IResult> ImportanceAsync(string name, ModelRegistry registry, ModelInsights insights)
    {
        if (Problem(name, registry, insights) is { } problem) return problem;
        return TypedResults.Ok(await insights.ImportanceAsync(registry.Find(name)!));
    }

    private static ProblemHttpResult? Problem(string name, ModelRegistry registry, ModelInsights insights) =>
        registry.Find(name) is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such model",
                detail: $"No loaded model is named '{(name.Length > 64 ? name[..64] + "..." : name)}'.")
            : !registry.Find(name)!.Detector.Schema.IsNslKdd
                ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Measured on NSL-KDD only",
                    detail: $"Model '{name}' reads schema '{registry.Find(name)!.Detector.Schema.Name}'; the dashboard measures models on KDDTest+ (NSL-KDD). Use nad evaluate with data of its schema.")
            : !insights.HasTestData
                ? TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No test data",
                    detail: "The bundled KDDTest+ file (data/nsl-kdd) is not found; set NAD_DATA_DIR to measure models.")
                : null;
}
