using Nad.Alerts;
using Nad.Core.Wire;
using Nad.Service.Http;

namespace Nad.Service.Endpoints;

/// <summary>POST /api/v1/alerts/{id}/feedback (admin): an analyst marks a stored alert a true or false positive.</summary>
public static class FeedbackEndpoints
{
    public const string DefaultAnalyst = "admin";
    private const int MaxText = 500;

    public static RouteGroupBuilder MapFeedback(this RouteGroupBuilder api)
    {
        api.MapPost("/alerts/{id:long}/feedback", SetAsync)
            .AddEndpointFilter<AdminKeyFilter>()
            .WithName("AlertFeedback").WithSummary("Mark a stored alert a true or false positive (admin: X-Api-Key header)")
            .WithDescription("Body: {\"verdict\": \"true-positive\" | \"false-positive\", \"analyst\": \"who\" (default admin), \"note\": \"why\"}. " +
                             "The newest judgement replaces an older one; GET /api/v1/alerts shows it; nad retrain learns from it.")
            .Accepts<FeedbackRequest>("application/json")
            .Produces<Alert>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> SetAsync(long id, HttpContext context, IAlertStore store)
    {
        var (request, problem) = await JsonRequest.ReadAsync<FeedbackRequest>(context);
        if (request is null) return problem!;
        var errors = new FieldErrors(10);
        if (!FeedbackVerdicts.IsKnown(request.Verdict))
            errors.Add("verdict", $"'{Shorten(request.Verdict ?? "(missing)")}' is not a verdict; use '{FeedbackVerdicts.TruePositive}' or '{FeedbackVerdicts.FalsePositive}'");
        if (request.Analyst is { Length: > 100 }) errors.Add("analyst", "is longer than 100 characters");
        if (request.Note is { Length: > MaxText }) errors.Add("note", $"is longer than {MaxText} characters");
        if (errors.Any) return ApiProblems.Invalid(errors, "The feedback is not valid");

        var feedback = new AlertFeedback(request.Verdict!, string.IsNullOrWhiteSpace(request.Analyst) ? DefaultAnalyst : request.Analyst,
            string.IsNullOrEmpty(request.Note) ? null : request.Note, DateTimeOffset.UtcNow);
        if (!await store.SetFeedbackAsync(id, feedback, context.RequestAborted))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such alert", detail: $"No stored alert has id {id}.");
        return TypedResults.Ok(new { id, feedback });
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "..." : text;
}
