using Nad.Alerts;
using Nad.Service.Models;

namespace Nad.Service.Dashboard;

/// <summary>Everything the Overview page shows but the headline metrics (fetched per model).</summary>
public sealed record OverviewView(
    int Hours,
    int BucketMinutes,
    bool ScoredAvailable,
    bool AlertsAvailable,
    long ScoredTotal,
    long AlertsTotal,
    IReadOnlyList<ActivityBucket> Buckets,
    IReadOnlyList<NamedCount> AlertsByFamily,
    IReadOnlyList<NamedCount> AlertsByService,
    IReadOnlyList<ModelView> Models);
