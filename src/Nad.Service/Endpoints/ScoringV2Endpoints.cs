using Microsoft.Extensions.Options;
using Nad.Core.Wire;
using Nad.Service.Http;
using Nad.Service.Scoring;
using Nad.Service.Settings;

namespace Nad.Service.Endpoints;

/// <summary>
/// API v2's scoring routes: POST /api/v2/supervised/predict, /api/v2/unsupervised/score and
/// /api/v2/detect. Same bodies and the same scoring path (and alerts) as v1; every model answers
/// <see cref="ModelVerdict"/>: score and threshold in its own units, attack, a calibrated probability.
/// </summary>
public static class ScoringV2Endpoints
{
    public static RouteGroupBuilder MapScoringV2(this RouteGroupBuilder api)
    {
        const string verdict = "Each model answers score (its own units: higher is more suspicious), threshold (same units), attack (score at or above threshold), " +
                               "probability (P(attack) in [0, 1], Platt-calibrated on held-out training rows; null where the model has none), " +
                               "family (a family model's family; null for others), model name and version, unseen categorical fields.";
        api.MapPost("/supervised/predict", PredictAsync)
            .WithName("PredictV2").WithSummary("Score records with the active supervised model (the hybrid by default)")
            .WithDescription("Body: one connection record, an array of them, or text/csv NSL-KDD rows (an array answer). " + verdict)
            .Produces<ModelVerdict>().Produces<ModelVerdict[]>().ProducesBodyProblems();
        api.MapPost("/unsupervised/score", ScoreAsync)
            .WithName("ScoreV2").WithSummary("Score records with the active unsupervised detector")
            .WithDescription("503 when no unsupervised model is loaded. " + verdict)
            .Produces<ModelVerdict>().Produces<ModelVerdict[]>().ProducesBodyProblems();
        api.MapPost("/detect", DetectAsync)
            .WithName("DetectV2").WithSummary("Run both models and combine their verdicts")
            .WithDescription("attack is true when either model flags the record; flaggedBy says which did; supervised and unsupervised hold each model's answer. " + verdict)
            .Produces<DetectVerdict>().Produces<DetectVerdict[]>().ProducesBodyProblems();
        return api;
    }

    private static async Task<IResult> PredictAsync(HttpContext context, Scorer scorer, IOptions<NadServiceOptions> options)
    {
        if (scorer.SupervisedModel is not { } model) return ApiProblems.NoModel("supervised");
        var (parsed, problem) = await RecordBody.ReadAsync(context, options.Value, allowCsv: true, model.Detector.Schema);
        if (parsed is null) return problem!;
        var results = await scorer.PredictAsync(model, parsed.Records, "predict", context.RequestAborted, parsed.Connections);
        return Answer(parsed, ModelVerdicts.From(model, parsed.Records, results, scorer.FamilyClassifierFor(model)));
    }

    private static async Task<IResult> ScoreAsync(HttpContext context, Scorer scorer, IOptions<NadServiceOptions> options)
    {
        if (scorer.UnsupervisedModel is not { } model) return ApiProblems.NoModel("unsupervised");
        var (parsed, problem) = await RecordBody.ReadAsync(context, options.Value, allowCsv: true, model.Detector.Schema);
        if (parsed is null) return problem!;
        var results = await scorer.ScoreAsync(model, parsed.Records, "score", context.RequestAborted, parsed.Connections);
        return Answer(parsed, ModelVerdicts.From(model, parsed.Records, results));
    }

    private static async Task<IResult> DetectAsync(HttpContext context, Scorer scorer, IOptions<NadServiceOptions> options)
    {
        if (scorer.SupervisedModel is not { } supervised) return ApiProblems.NoModel("supervised");
        var unsupervised = scorer.UnsupervisedFor(supervised);
        var (parsed, problem) = await RecordBody.ReadAsync(context, options.Value, allowCsv: true, supervised.Detector.Schema);
        if (parsed is null) return problem!;
        var results = await scorer.DetectAsync(supervised, unsupervised, parsed.Records, "detect", context.RequestAborted, parsed.Connections);
        return Answer(parsed, ModelVerdicts.From(supervised, unsupervised, parsed.Records, results, scorer.FamilyClassifierFor(supervised)));
    }

    private static IResult Answer<T>(ParsedRecords parsed, T[] results) =>
        parsed.IsBatch ? TypedResults.Ok(results) : TypedResults.Ok(results[0]);
}
