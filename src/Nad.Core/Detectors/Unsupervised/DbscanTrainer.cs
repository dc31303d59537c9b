using System.Globalization;
using Nad.Core.Records;
using Nad.Core.Thresholds;
using static Nad.Core.Detectors.ParameterDeclaration;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// DBSCAN, unsupervised, on the first <c>components</c> (5) principal components of the
/// standardized one-hot + log1p features. <c>eps</c> is a distance in that space or
/// <c>auto</c> (default): the elbow of the training rows' k-distance curve with k =
/// <c>min-pts</c> (10). The detector keeps up to <c>max-core</c> (100,000) core points, a seeded
/// sample when there are more, and scores distance to the nearest one over eps (threshold 1).
/// </summary>
public sealed class DbscanTrainer(TrainerSettings? settings = null) : DeclaredTrainer(Declaration, settings)
{
    public const string ModelName = "dbscan";

    public static TrainerDeclaration Declaration { get; } = new(ModelName, [PredictionTarget.Attack],
        Int("components", 5, 1, 20, "principal components the rows are clustered in"),
        Int("min-pts", 10, 2, 1000, "neighbours within eps that make a core point"),
        Real("eps", 0, 1e-9, 1e9, "neighbourhood radius; auto: the elbow of the k-distance curve") with { Default = "auto", Words = ["auto"] },
        Bool("standardize", true, "z-score the encoded columns before the PCA"),
        Int("max-core", 100_000, 100, 10_000_000, "core points kept for scoring (a seeded sample when more)"));

    public override bool IsSupervised => false;

    /// <summary>1: a record with a core point within eps would join a training cluster; farther, DBSCAN calls it noise.</summary>
    public override IThresholdRule DefaultThreshold { get; } = new FixedCutRule(1, "distance to the nearest core point equal to eps");

    private int MinPts => Values.Int("min-pts");

    public override FittedModel Fit(ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (data.Count <= MinPts) throw new ArgumentException($"{data.Source} has {data.Count} rows; dbscan with min-pts={MinPts} needs more.");
        progress?.Report(new TrainingProgress($"encoding and PCA to {Values.Int("components")} components", 0.02));
        var (projection, coordinates) = PcaProjection.Fit(data.Records, Values.Int("components"), Values.Bool("standardize"));
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new TrainingProgress("building the k-d tree", 0.3));
        var tree = new KdTree(coordinates, projection.Dimension);

        var eps = Values.Is("eps", "auto") ? ChooseEps(tree, MinPts, progress, cancellationToken) : Values.Real("eps");
        progress?.Report(new TrainingProgress($"DBSCAN with eps={eps:0.####}, min-pts={MinPts}", 0.6));
        var result = Dbscan.Fit(tree, eps, MinPts, cancellationToken);
        var cores = Enumerable.Range(0, data.Count).Where(i => result.IsCore[i]).ToArray();
        if (cores.Length == 0)
            throw new ArgumentException($"DBSCAN with eps={eps.ToString(CultureInfo.InvariantCulture)} and min-pts={MinPts} finds no core point in {data.Source}; use a larger eps or a smaller min-pts (the k-distance curve of the rows shows where distances jump).");
        if (cores.Length > Values.Int("max-core"))
        {
            new Random(Values.Settings.Seed).Shuffle(cores);
            cores = cores[..Values.Int("max-core")];
            Array.Sort(cores);
        }
        var points = new float[cores.Length * projection.Dimension];
        for (var i = 0; i < cores.Length; i++) coordinates.AsSpan(cores[i] * projection.Dimension, projection.Dimension).CopyTo(points.AsSpan(i * projection.Dimension));
        progress?.Report(new TrainingProgress("done", 1));
        var summary = new DbscanSummary(data.Count, result.ClusterCount, result.CoreCount, result.NoiseCount, cores.Length);
        return new FittedModel(new DbscanModel(projection, eps, MinPts, points, summary));
    }

    /// <summary>eps = the elbow of the sorted k-distance curve (k = minPts).</summary>
    public static double ChooseEps(KdTree tree, int minPts, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Report(new TrainingProgress($"k-distance curve (k={minPts}) for eps", 0.4));
        var distances = KDistance.Compute(tree, Math.Min(minPts, tree.Count), cancellationToken);
        Array.Sort(distances);
        return EpsAtElbow(distances);
    }

    /// <summary>The distance at the elbow of an ascending k-distance curve, kept positive.</summary>
    public static double EpsAtElbow(double[] ascending)
    {
        var eps = ascending[KDistance.Elbow(ascending)];
        // Duplicated rows can put the elbow at distance 0; eps must be positive.
        return eps > 0 ? eps : ascending.FirstOrDefault(d => d > 0, 1e-6);
    }
}
