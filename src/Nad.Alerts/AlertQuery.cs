namespace Nad.Alerts;

/// <summary>Which alerts to list: all filters optional, combined with AND; newest first.</summary>
public sealed record AlertQuery(
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? Label,
    string? Family,
    string? Model,
    int Page,
    int PageSize);
