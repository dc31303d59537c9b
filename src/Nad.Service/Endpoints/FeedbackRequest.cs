namespace Nad.Service.Endpoints;

/// <summary>The body of POST /api/v1/alerts/{id}/feedback: verdict "true-positive" or "false-positive", who judged (default "admin"), and why.</summary>
public sealed record FeedbackRequest(string? Verdict, string? Analyst, string? Note);
