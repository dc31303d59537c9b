namespace Nad.Service.Http;

/// <summary>
/// Marks a v1 route that API v2 replaces: every answer (problems too) carries RFC 9745's
/// <c>Deprecation</c> header and a <c>Link</c> to the successor, and the OpenAPI document marks the
/// operation deprecated. The answer's body is untouched.
/// </summary>
public sealed record DeprecatedRoute(string Successor)
{
    /// <summary>When v1's scoring routes were deprecated (issue 16): 2026-12-05T00:00:00Z as RFC 9745's @seconds.</summary>
    public static readonly DateTimeOffset Since = new(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);

    public string DeprecationHeader { get; } = "@" + Since.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
    public string LinkHeader => $"<{Successor}>; rel=\"successor-version\"";
}
