namespace Nad.Service.Endpoints;

/// <summary>
/// The body of POST /api/v1/suppressions: at least one of host (an IP address), cidr, port (destination),
/// service, model; optionally expires (an ISO 8601 time in the future), createdBy (default "admin") and note.
/// </summary>
public sealed record SuppressionRequest(string? Host, string? Cidr, int? Port, string? Service, string? Model, DateTimeOffset? Expires, string? CreatedBy, string? Note);
