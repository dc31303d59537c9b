namespace Nad.Alerts;

/// <summary>Alerts counted per time bucket, per family and per service since a time.</summary>
public sealed record AlertSummary(long Total, IReadOnlyDictionary<long, long> PerBucket, IReadOnlyList<NamedCount> ByFamily, IReadOnlyList<NamedCount> ByService)
{
    /// <summary>The family name of alerts without one.</summary>
    public const string NoFamily = "unclassified";

    /// <summary>Most families and services listed.</summary>
    public const int TopN = 10;
}
