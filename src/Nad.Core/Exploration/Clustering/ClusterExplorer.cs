using System.Diagnostics;
using Nad.Core.Detectors;
using Nad.Core.Detectors.Unsupervised;
using Nad.Core.Records;

namespace Nad.Core.Exploration.Clustering;

/// <summary>
/// Chooses DBSCAN's eps the way the reference project did: the k-distance curve (k = minPts)
/// of the rows in principal-component space, its elbow as eps, then DBSCAN over a small grid
/// of eps and minPts compared by silhouette (on a sample: it is O(n²)) and noise share.
/// The chosen setting is the elbow eps with the given minPts, which is what
/// the dbscan model uses by default.
/// </summary>
public static class ClusterExplorer
{
    public static ClusterReport Explore(ConnectionDataset data, ClusterExplorationOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (options.MinPts < 2) throw new ArgumentException($"minPts is {options.MinPts}; it must be at least 2.");
        var random = new Random(options.Seed);
        if (options.Sample is { } sample && sample < data.Count)
        {
            var order = Enumerable.Range(0, data.Count).ToArray();
            random.Shuffle(order);
            var chosenRows = order[..sample];
            Array.Sort(chosenRows);
            data = data.Subset(chosenRows, $"{data.Source} (seeded sample of {sample:N0} rows)");
        }
        if (data.Count <= options.MinPts * 2) throw new ArgumentException($"{data.Source} has {data.Count} rows; clustering with minPts={options.MinPts} needs more.");

        progress?.Report(new TrainingProgress($"encoding and PCA to {options.Components} components", 0.02));
        var (projection, coordinates) = PcaProjection.Fit(data.Records, options.Components, options.Standardize);
        var dimension = projection.Dimension;
        var tree = new KdTree(coordinates, dimension);

        progress?.Report(new TrainingProgress($"k-distance curve (k={options.MinPts})", 0.1));
        var distances = KDistance.Compute(tree, options.MinPts, cancellationToken);
        Array.Sort(distances);
        var elbow = KDistance.Elbow(distances);
        var eps = DbscanTrainer.EpsAtElbow(distances);
        var curve = Thin(distances, elbow, options.MinPts, eps);

        var labelled = data.HasLabels ? data.RequireLabels() : null;
        var silhouetteRows = Enumerable.Range(0, data.Count).ToArray();
        random.Shuffle(silhouetteRows);
        silhouetteRows = silhouetteRows[..Math.Min(options.SilhouetteRows, data.Count)];

        var settings = options.MinPtsFactors.Select(f => Math.Max(2, (int)Math.Round(options.MinPts * f))).Distinct()
            .SelectMany(m => options.EpsFactors.Select(f => (Eps: eps * f, MinPts: m))).ToArray();
        var grid = new List<ClusterSetting>();
        DbscanResult? chosenResult = null;
        ClusterSetting? chosen = null;
        for (var s = 0; s < settings.Length; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new TrainingProgress($"DBSCAN eps={settings[s].Eps:0.####} minPts={settings[s].MinPts} ({s + 1} of {settings.Length})", 0.2 + 0.7 * s / settings.Length));
            var (setting, result) = Run(settings[s].Eps, settings[s].MinPts);
            grid.Add(setting);
            if (settings[s].MinPts == options.MinPts && Math.Abs(settings[s].Eps - eps) < 1e-12) (chosen, chosenResult) = (setting, result);
        }
        // The grid's factors may leave out the elbow setting itself: run it alone.
        if (chosen is null || chosenResult is null) (chosen, chosenResult) = Run(eps, options.MinPts);
        var best = grid.Where(g => !double.IsNaN(g.Silhouette)).OrderByDescending(g => g.Silhouette).FirstOrDefault();

        progress?.Report(new TrainingProgress("summarizing the chosen clustering", 0.95));
        var clusters = Summaries(chosenResult, labelled);
        var plotRows = Enumerable.Range(0, data.Count).ToArray();
        random.Shuffle(plotRows);
        plotRows = plotRows[..Math.Min(options.PlotRows, data.Count)];
        var scatter = new ClusterScatter(
            plotRows.Select(i => coordinates[i * dimension]).ToArray(),
            plotRows.Select(i => dimension > 1 ? coordinates[i * dimension + 1] : 0f).ToArray(),
            plotRows.Select(i => chosenResult.Labels[i]).ToArray(),
            labelled is null ? null : plotRows.Select(i => labelled[i].IsAttack).ToArray());
        progress?.Report(new TrainingProgress("done", 1));
        return new ClusterReport(data.Source, data.Count, dimension, options.Standardize, projection.Components.ExplainedShare,
            curve, grid, chosen, best, clusters, scatter);

        (ClusterSetting Setting, DbscanResult Result) Run(double e, int m)
        {
            var watch = Stopwatch.StartNew();
            var result = Dbscan.Fit(tree, e, m, cancellationToken);
            var seconds = watch.Elapsed.TotalSeconds;
            var (silhouette, used) = SampledSilhouette(coordinates, dimension, result.Labels, silhouetteRows, cancellationToken);
            return (new ClusterSetting(e, m, result.ClusterCount, result.CoreCount, result.NoiseCount, result.NoiseShare, silhouette, used, seconds), result);
        }
    }

    private static (double Silhouette, int Rows) SampledSilhouette(float[] coordinates, int dimension, int[] labels, int[] sample, CancellationToken cancellationToken)
    {
        var kept = sample.Where(i => labels[i] != DbscanResult.Noise).ToArray();
        var points = new float[kept.Length * dimension];
        for (var r = 0; r < kept.Length; r++) coordinates.AsSpan(kept[r] * dimension, dimension).CopyTo(points.AsSpan(r * dimension));
        return (Silhouette.Score(points, dimension, kept.Select(i => labels[i]).ToArray(), cancellationToken), kept.Length);
    }

    private static List<ClusterSummary> Summaries(DbscanResult result, IReadOnlyList<AttackLabel>? labels)
    {
        var summaries = new List<ClusterSummary>();
        foreach (var cluster in Enumerable.Range(-1, result.ClusterCount + 1))
        {
            var rows = Enumerable.Range(0, result.Labels.Length).Where(i => result.Labels[i] == cluster).ToArray();
            if (rows.Length == 0) continue;
            double? attackShare = labels is null ? null : rows.Count(i => labels[i].IsAttack) / (double)rows.Length;
            var top = labels is null ? null : rows.GroupBy(i => labels[i].Name).OrderByDescending(g => g.Count()).First().Key;
            summaries.Add(new ClusterSummary(cluster, rows.Length, attackShare, top));
        }
        // Noise first, then the largest clusters.
        return summaries.OrderBy(s => s.Cluster == DbscanResult.Noise ? 0 : 1).ThenByDescending(s => s.Rows).ToList();
    }

    private static KDistanceCurve Thin(double[] sorted, int elbow, int k, double eps)
    {
        var step = Math.Max(1, sorted.Length / 1000);
        var ranks = Enumerable.Range(0, sorted.Length).Where(i => i % step == 0 || i == sorted.Length - 1 || i == elbow).ToArray();
        return new KDistanceCurve(k, sorted.Length, ranks, ranks.Select(i => sorted[i]).ToArray(), elbow, eps);
    }
}
