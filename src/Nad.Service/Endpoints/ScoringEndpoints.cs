using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Nad.Core.Wire;
using Nad.Service.Http;
using Nad.Service.Scoring;
using Nad.Service.Settings;

namespace Nad.Service.Endpoints;

/// <summary>
/// POST /api/v1/supervised/predict, /api/v1/unsupervised/score and /api/v1/detect: one JSON
/// record in, one result out; an array in, an array out (same order); NSL-KDD CSV rows (text/csv) in, an array out.
/// Deprecated for API v2 (<see cref="ScoringV2Endpoints"/>): answers unchanged, with Deprecation and Link headers.
/// </summary>
public static class ScoringEndpoints
{
    public static RouteGroupBuilder MapScoring(this RouteGroupBuilder api)
    {
        api.MapPost("/supervised/predict", PredictAsync)
            .WithName("Predict").WithSummary("Score records with the active supervised model (the hybrid by default)")
            .WithDescription("Body: one connection record (a JSON object with the 41 NSL-KDD fields, and optionally a \"connection\" object: start_time, src_addr, src_port, dst_addr, dst_port, stored with the alert) or an array of them, or text/csv NSL-KDD rows (an array answer). " +
                             "Answer: label (normal/attack), attackProbability (the attack score: a probability for single models, for the hybrid each member's score over its own threshold, attack at 1 or more), threshold, model name and version, unseen categorical fields.")
            .Produces<SupervisedResult>().Produces<SupervisedResult[]>().ProducesBodyProblems()
            .DeprecatedFor(ApiRoutes.V2Prefix + "/supervised/predict");
        api.MapPost("/unsupervised/score", ScoreAsync)
            .WithName("Score").WithSummary("Score records with the active unsupervised detector")
            .WithDescription("Answer: anomaly score (higher is more anomalous), anomalous yes/no, threshold, model. 503 when no unsupervised model is loaded.")
            .Produces<UnsupervisedResult>().Produces<UnsupervisedResult[]>().ProducesBodyProblems()
            .DeprecatedFor(ApiRoutes.V2Prefix + "/unsupervised/score");
        api.MapPost("/detect", DetectAsync)
            .WithName("Detect").WithSummary("Run both models and combine their verdicts")
            .WithDescription("The verdict is 'attack' when either model flags the record; flaggedBy says which did. " +
                             "Without an unsupervised model the supervised verdict alone decides.")
            .Produces<DetectResult>().Produces<DetectResult[]>().ProducesBodyProblems()
            .DeprecatedFor(ApiRoutes.V2Prefix + "/detect");
        return api;
    }

    private static async Task<IResult> PredictAsync(HttpContext context, Scorer scorer, IOptions<NadServiceOptions> options, IOptions<JsonOptions> json)
    {
        if (scorer.SupervisedModel is not { } model) return ApiProblems.NoModel("supervised");
        var (parsed, problem) = await RecordBody.ReadAsync(context, options.Value, allowCsv: true, model.Detector.Schema);
        if (parsed is null) return problem!;
        var results = await scorer.PredictAsync(model, parsed.Records, "predict", context.RequestAborted, parsed.Connections);
        // A batch's answer was a fifth of its CPU through the serializer (docs/benchmarks.md): the same bytes, written directly.
        return parsed.IsBatch ? new SupervisedBatchAnswer(results, json.Value.SerializerOptions) : TypedResults.Ok(results[0]);
    }

    private static async Task<IResult> ScoreAsync(HttpContext context, Scorer scorer, IOptions<NadServiceOptions> options)
    {
        if (scorer.UnsupervisedModel is not { } model) return ApiProblems.NoModel("unsupervised");
        var (parsed, problem) = await RecordBody.ReadAsync(context, options.Value, allowCsv: true, model.Detector.Schema);
        if (parsed is null) return problem!;
        return Answer(parsed, await scorer.ScoreAsync(model, parsed.Records, "score", context.RequestAborted, parsed.Connections));
    }

    private static async Task<IResult> DetectAsync(HttpContext context, Scorer scorer, IOptions<NadServiceOptions> options)
    {
        if (scorer.SupervisedModel is not { } supervised) return ApiProblems.NoModel("supervised");
        var unsupervised = scorer.UnsupervisedFor(supervised);
        var (parsed, problem) = await RecordBody.ReadAsync(context, options.Value, allowCsv: true, supervised.Detector.Schema);
        if (parsed is null) return problem!;
        return Answer(parsed, await scorer.DetectAsync(supervised, unsupervised, parsed.Records, "detect", context.RequestAborted, parsed.Connections));
    }

    /// <summary>One result for one record, an array for an array (or a CSV body).</summary>
    private static IResult Answer<T>(ParsedRecords parsed, T[] results) =>
        parsed.IsBatch ? TypedResults.Ok(results) : TypedResults.Ok(results[0]);
}
