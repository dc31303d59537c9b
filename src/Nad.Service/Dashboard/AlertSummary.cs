namespace Nad.Service.Dashboard;

/// <summary>Alerts counted per time bucket, per family and per service since a time.</summary>
public sealed record AlertSummary(long Total, IReadOnlyDictionary<long, long> PerBucket, IReadOnlyList<NamedCount> ByFamily, IReadOnlyList<NamedCount> ByService);
