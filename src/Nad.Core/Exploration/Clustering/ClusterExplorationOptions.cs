namespace Nad.Core.Exploration.Clustering;

/// <summary>What <c>nad cluster</c> explores: the space DBSCAN sees and the settings it compares.</summary>
public sealed record ClusterExplorationOptions
{
    /// <summary>Principal components to cluster in.</summary>
    public int Components { get; init; } = 5;
    public bool Standardize { get; init; } = true;
    /// <summary>minPts; the k-distance curve uses k = minPts.</summary>
    public int MinPts { get; init; } = 10;
    /// <summary>Cluster a seeded sample of this many rows (null: all of them).</summary>
    public int? Sample { get; init; }
    /// <summary>The silhouette is O(n²): it is computed on a seeded sample of this many clustered rows.</summary>
    public int SilhouetteRows { get; init; } = 4000;
    /// <summary>eps values tried, as multiples of the elbow eps.</summary>
    public IReadOnlyList<double> EpsFactors { get; init; } = [0.5, 1, 2, 4];
    /// <summary>minPts values tried, as multiples of <see cref="MinPts"/>.</summary>
    public IReadOnlyList<double> MinPtsFactors { get; init; } = [0.5, 1, 2];
    /// <summary>Rows drawn in the cluster scatter plot (a seeded sample).</summary>
    public int PlotRows { get; init; } = 2_500;
    public int Seed { get; init; } = 42;
}
