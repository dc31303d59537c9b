namespace Nad.Alerts;

/// <summary>One page of alerts and how many match in all.</summary>
public sealed record AlertPage(IReadOnlyList<Alert> Items, int Page, int PageSize, long Total);
