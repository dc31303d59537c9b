using System.Globalization;
using Microsoft.Extensions.Options;
using Nad.Alerts;
using Nad.Core.Records;
using Nad.Core.Wire;
using Nad.Service.Alerts;
using Nad.Service.Http;
using Nad.Service.Settings;

namespace Nad.Service.Endpoints;

/// <summary>GET /api/v1/alerts?from=&amp;to=&amp;label=&amp;family=&amp;model=&amp;page=&amp;pageSize=: stored alerts, newest first.</summary>
public static class AlertEndpoints
{
    private static readonly string[] KnownParameters = ["from", "to", "label", "family", "model", "page", "pageSize"];

    public static RouteGroupBuilder MapAlerts(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts", ListAsync)
            .WithName("ListAlerts").WithSummary("List stored alerts, newest first, filtered and paged")
            .WithDescription("Query: from, to (ISO 8601 times, from inclusive, to exclusive), label (attack|anomaly), " +
                             "family (DoS, Probe, R2L, U2R, Unknown), model (name), page (from 1), pageSize.")
            .Produces<AlertPage>().ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IAlertStore store, IOptions<NadServiceOptions> options)
    {
        var query = context.Request.Query;
        var errors = new FieldErrors(options.Value.MaxErrorsListed);
        foreach (var key in query.Keys.Where(k => !KnownParameters.Contains(k, StringComparer.OrdinalIgnoreCase)))
            errors.Add(key, $"is not a filter; use {string.Join(", ", KnownParameters)}");
        var from = Time("from");
        var to = Time("to");
        var label = Text("label");
        if (label is not null && label is not (Labels.Attack or Labels.Anomaly)) errors.Add("label", "must be 'attack' or 'anomaly'");
        var family = Text("family");
        // Any schema's family names (NSL-KDD's DoS, UNSW-NB15's Exploits, ...); normal rows are never alerts.
        if (family is not null && (family.Length > 100 || string.Equals(family, nameof(AttackFamily.Normal), StringComparison.OrdinalIgnoreCase)))
            errors.Add("family", "must name an attack family of a served model (e.g. DoS, Probe, R2L, U2R, Unknown; another schema's, e.g. Exploits), not Normal");
        var model = Text("model");
        var page = Number("page", 1, 1, 1_000_000);
        var pageSize = Number("pageSize", 50, 1, options.Value.Alerts.MaxPageSize);
        if (errors.Any) return ApiProblems.Invalid(errors, "The alert query is not valid");

        var result = await store.QueryAsync(new AlertQuery(from, to, label, family, model, page, pageSize), context.RequestAborted);
        return TypedResults.Ok(result);

        string? Text(string name)
        {
            var value = query[name].ToString();
            if (query[name].Count > 1) errors.Add(name, "is given more than once");
            else if (value.Length > 100) errors.Add(name, "is longer than 100 characters");
            return string.IsNullOrEmpty(value) ? null : value;
        }

        DateTimeOffset? Time(string name)
        {
            if (Text(name) is not { } text) return null;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return time;
            errors.Add(name, $"'{text}' is not a time; expected ISO 8601 such as 2026-11-25T15:00:00Z");
            return null;
        }

        int Number(string name, int fallback, int min, int max)
        {
            if (Text(name) is not { } text) return fallback;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
            errors.Add(name, $"must be a whole number from {min} to {max}");
            return fallback;
        }
    }
}
