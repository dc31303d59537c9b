namespace Nad.Service.Http;

/// <summary>The problem answers every route that scores a request body can give, declared once for the OpenAPI document.</summary>
internal static class BodyRouteProblems
{
    /// <summary>400 (invalid input), 413 (over the size limit), 415 (content type), 503 (no model loaded).</summary>
    public static RouteHandlerBuilder ProducesBodyProblems(this RouteHandlerBuilder route) =>
        route.ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
