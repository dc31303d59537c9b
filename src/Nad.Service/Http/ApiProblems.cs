using Microsoft.AspNetCore.Http.HttpResults;
using Nad.Core.Wire;

namespace Nad.Service.Http;

/// <summary>The RFC 7807 problem answers the API gives, in one place so they read the same everywhere.</summary>
public static class ApiProblems
{
    public static ValidationProblem Invalid(FieldErrors errors, string title = "The request is not valid") =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: title, detail: $"{errors.Count} problem(s); each is listed under the field it concerns.");

    public static ProblemHttpResult TooLarge(long limit, string what = "request body") =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large",
            detail: $"The {what} is larger than the limit of {limit:N0} bytes.");

    public static ProblemHttpResult UnsupportedMediaType(string? contentType, string expected) =>
        TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
            detail: $"Content-Type is '{contentType ?? "(none)"}'; expected {expected}.");

    public static ProblemHttpResult NoModel(string kind) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: $"No {kind} model is loaded",
            detail: $"The service has no active {kind} model, so this endpoint cannot score. See GET /api/v1/models.");

    public static ProblemHttpResult BadBody(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request body could not be read", detail: detail);

    /// <summary>A route that reads NSL-KDD records only (CSV uploads, captures) while the active model reads another schema.</summary>
    public static ProblemHttpResult NslKddOnly(string what, string model, string schema) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "This route reads NSL-KDD records only",
            detail: $"{what} are read as NSL-KDD records, and the active model '{model}' reads schema '{schema}'. Send its records " +
                    "(JSON with its column names, or CSV rows under a header) to POST /api/v2/detect, /api/v2/supervised/predict or /api/v2/unsupervised/score.");
}
