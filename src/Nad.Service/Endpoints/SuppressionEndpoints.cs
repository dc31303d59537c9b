using Nad.Alerts;
using Nad.Core.Records;
using Nad.Core.Wire;
using Nad.Service.Alerts;
using Nad.Service.Http;

namespace Nad.Service.Endpoints;

/// <summary>POST/GET /api/v1/suppressions and DELETE /api/v1/suppressions/{id} (admin): rules that keep matching alerts out of the store.</summary>
public static class SuppressionEndpoints
{
    public static RouteGroupBuilder MapSuppressions(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/suppressions").AddEndpointFilter<AdminKeyFilter>();
        group.MapPost("", AddAsync)
            .WithName("AddSuppression").WithSummary("Add a suppression rule (admin: X-Api-Key header)")
            .WithDescription("Body: at least one of host (IP), cidr, port (destination), service, model (all given must match); " +
                             "optional expires (ISO 8601, future), createdBy, note. Matching alerts are not stored and are counted in " +
                             "nad_alerts_suppressed_total{rule}.")
            .Accepts<SuppressionRequest>("application/json")
            .Produces<SuppressionView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("", async (Suppressions suppressions, CancellationToken cancellationToken) =>
            {
                await suppressions.LoadAsync(cancellationToken); // the workers' counts (and rules other instances added) as stored now
                return TypedResults.Ok(suppressions.Rules.Select(r => View(r, suppressions)).ToArray());
            })
            .WithName("ListSuppressions").WithSummary("List suppression rules with whether each applies and how many alerts it suppressed (admin)");
        group.MapDelete("/{id:long}", async (long id, Suppressions suppressions, CancellationToken cancellationToken) =>
                await suppressions.DeleteAsync(id, cancellationToken)
                    ? Results.NoContent()
                    : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such suppression rule", detail: $"No rule has id {id}."))
            .WithName("DeleteSuppression").WithSummary("Delete a suppression rule (admin)");
        return api;
    }

    private static SuppressionView View(SuppressionRule rule, Suppressions suppressions) =>
        new(rule, rule.IsActive(suppressions.Now), suppressions.SuppressedBy(rule.Id) + rule.StoredSuppressed);

    private static async Task<IResult> AddAsync(HttpContext context, Suppressions suppressions)
    {
        var (request, problem) = await JsonRequest.ReadAsync<SuppressionRequest>(context);
        if (request is null) return problem!;
        var errors = new FieldErrors(10);
        var host = Blank(request.Host);
        if (host is not null && !HostAddress.TryParse(host, out _)) errors.Add("host", $"'{Shorten(host)}' is not an IP address");
        var cidr = Blank(request.Cidr);
        if (cidr is not null && !AddressRange.TryParse(cidr, out _)) errors.Add("cidr", $"'{Shorten(cidr)}' is not a CIDR block such as 10.0.0.0/8");
        if (request.Port is < 0 or > 65535) errors.Add("port", $"{request.Port} is not a port (0 to 65535)");
        var service = Blank(request.Service);
        var model = Blank(request.Model);
        foreach (var (name, value) in new[] { ("service", service), ("model", model), ("createdBy", request.CreatedBy) })
            if (value is { Length: > 100 }) errors.Add(name, "is longer than 100 characters");
        if (request.Note is { Length: > 500 }) errors.Add("note", "is longer than 500 characters");
        var now = suppressions.Now;
        if (request.Expires is { } expires && expires <= now) errors.Add("expires", $"{expires:O} is not in the future");
        var rule = new SuppressionRule(0, host, cidr, request.Port, service, model, request.Expires, now,
            Blank(request.CreatedBy) ?? FeedbackEndpoints.DefaultAnalyst, Blank(request.Note));
        if (!rule.HasCriterion) errors.Add("rule", "names nothing to match; give at least one of host, cidr, port, service, model");
        if (errors.Any) return ApiProblems.Invalid(errors, "The suppression rule is not valid");

        var stored = await suppressions.AddAsync(rule, context.RequestAborted);
        return TypedResults.Created($"{ApiRoutes.Prefix}/suppressions/{stored.Id}", View(stored, suppressions));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "..." : text;
}
