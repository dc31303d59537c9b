namespace Nad.Core.Exploration.Clustering;

/// <summary>Everything <c>nad cluster</c> found, as plain numbers (written as JSON, drawn as SVG).</summary>
public sealed record ClusterReport(
    string Source,
    int Rows,
    int Components,
    bool Standardized,
    double ExplainedVarianceShare,
    KDistanceCurve KDistance,
    IReadOnlyList<ClusterSetting> Grid,
    ClusterSetting Chosen,
    ClusterSetting? BestSilhouette,
    IReadOnlyList<ClusterSummary> Clusters,
    ClusterScatter Scatter);

/// <summary>
/// The sorted k-distance curve (k = minPts), thinned to at most ~1,000 points for plotting
/// (<see cref="Ranks"/> are positions in the full sorted curve), and its elbow.
/// </summary>
public sealed record KDistanceCurve(int K, int Rows, IReadOnlyList<int> Ranks, IReadOnlyList<double> Distances, int ElbowRank, double ElbowDistance);

/// <summary>One DBSCAN run of the grid. Silhouette without noise rows, on a seeded sample of <see cref="SilhouetteRows"/>; NaN with under two clusters.</summary>
public sealed record ClusterSetting(double Eps, int MinPts, int Clusters, int CorePoints, int NoisePoints, double NoiseShare, double Silhouette, int SilhouetteRows, double Seconds);

/// <summary>A cluster of the chosen setting: its size and, when the file is labelled, its attack share.</summary>
public sealed record ClusterSummary(int Cluster, int Rows, double? AttackShare, string? TopAttack);

/// <summary>A seeded sample of rows in the first two components with their cluster (−1 noise) under the chosen setting.</summary>
public sealed record ClusterScatter(IReadOnlyList<float> X, IReadOnlyList<float> Y, IReadOnlyList<int> Labels, IReadOnlyList<bool>? IsAttack);
