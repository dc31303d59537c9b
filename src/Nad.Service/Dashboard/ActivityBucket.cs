namespace Nad.Service.Dashboard;

/// <summary>One Overview time bucket: records scored and alerts raised in it.</summary>
public sealed record ActivityBucket(DateTimeOffset Start, long Scored, long Alerts);
