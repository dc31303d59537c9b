using Microsoft.Extensions.Options;
using Nad.Core.Explanations;
using Nad.Core.Training;
using Nad.Core.Wire;
using Nad.Service.Explanations;
using Nad.Service.Http;
using Nad.Service.Models;
using Nad.Service.Settings;

namespace Nad.Service.Endpoints;

/// <summary>
/// POST /api/v1/explain: one JSON record (the scoring routes' format and validation) in; for the
/// active supervised and unsupervised model, the features that moved its score most and the
/// smallest set that would have made it look normal. Nothing is stored: explaining is not scoring.
/// </summary>
public static class ExplainEndpoints
{
    public static RouteGroupBuilder MapExplain(this RouteGroupBuilder api)
    {
        api.MapPost("/explain", ExplainAsync)
            .WithName("Explain").WithSummary("Explain one record's scores: top feature contributions and a counterfactual")
            .WithDescription("Body: one connection record (a JSON object with the 41 NSL-KDD fields; not an array). " +
                             "Per active model: score, threshold, the top contributions (score minus the score with that feature at the " +
                             "model's normal baseline) and the smallest greedy set of features that, made typical, bring it under the threshold. " +
                             "Query: top (1-41, default 5). 503 when no supervised model is loaded.")
            .Produces<ExplainResult>().ProducesBodyProblems();
        return api;
    }

    private static async Task<IResult> ExplainAsync(HttpContext context, ModelRegistry registry, IOptions<NadServiceOptions> options, int? top)
    {
        // Read each active model once, so a switch mid-request never mixes two versions.
        if (registry.Supervised is not { } supervised) return ApiProblems.NoModel("supervised");
        var unsupervised = registry.UnsupervisedFor(supervised);
        if (top is < 1 or > 41)
        {
            var errors = new FieldErrors(1);
            errors.Add("top", $"is {top}; expected a whole number from 1 to 41");
            return ApiProblems.Invalid(errors);
        }
        var (parsed, problem) = await RecordBody.ReadAsync(context, options.Value, schema: supervised.Detector.Schema);
        if (parsed is null) return problem!;
        if (parsed.IsBatch)
            return ApiProblems.BadBody("The body is an array; /api/v1/explain takes one record (a JSON object). Explain alerts one at a time.");

        var record = parsed.Records[0];
        var explanationOptions = new ExplanationOptions { Top = top ?? ExplanationOptions.Default.Top };
        return TypedResults.Ok(new ExplainResult(
            Explain(supervised, record, explanationOptions),
            unsupervised is null ? null : Explain(unsupervised, record, explanationOptions)));
    }

    private static ModelExplanation Explain(LoadedModel model, Core.Records.ConnectionRecord record, ExplanationOptions options)
    {
        var e = AlertExplainer.For(model.Detector, options).Explain(record);
        return new ModelExplanation(new ModelRef(model.Name, model.Version), e.Score, e.Threshold, e.IsAttack,
            e.Contributions, e.TotalContribution, e.Counterfactual,
            e.Unavailable,
            model.UnseenCategories(record));
    }
}
