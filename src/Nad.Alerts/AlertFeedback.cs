namespace Nad.Alerts;

/// <summary>
/// An analyst's judgement of one stored alert: <see cref="Verdict"/> is one of <see cref="FeedbackVerdicts"/>,
/// <see cref="Analyst"/> says who judged it, <see cref="Note"/> why. The newest judgement of an alert replaces an older one.
/// </summary>
public sealed record AlertFeedback(string Verdict, string Analyst, string? Note, DateTimeOffset TimeUtc);
