namespace Nad.Alerts;

/// <summary>Which alerts to list: all filters optional, combined with AND; newest first. <see cref="FeedbackOnly"/> keeps the alerts an analyst has judged.</summary>
public sealed record AlertQuery(
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? Label,
    string? Family,
    string? Model,
    int Page,
    int PageSize,
    bool FeedbackOnly = false);
