using System.Globalization;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Detectors.Unsupervised;
using Nad.Core.Evaluation;
using Nad.Core.ModelFiles;
using Nad.Core.Reading;
using Nad.Core.Tests.Fixtures;
using Nad.Core.Training;

namespace Nad.Core.Tests.Detectors.Unsupervised;

/// <summary>DBSCAN, its k-d tree, k-distance and silhouette against scikit-learn (Fixtures/make_dbscan_fixture.py).</summary>
public class DbscanTests
{
    private const double FixtureEps = 0.7;
    private const int FixtureMinPts = 6;

    private sealed record Blobs(float[] Points, int[] Labels, bool[] IsCore, double[] KDistances, bool[] Ambiguous, double Silhouette, int Clusters);

    private static readonly Lazy<Blobs> Reference = new(() =>
    {
        var rows = Fixture.ReadNumbers("dbscan_blobs.csv");
        var provenance = File.ReadLines(Fixture.PathOf("dbscan_blobs.csv")).First();
        string Field(string name) => provenance.Split(';').Select(p => p.Trim()).First(p => p.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..];
        return new Blobs(
            rows.SelectMany(r => r.Take(3)).Select(v => (float)v).ToArray(),
            rows.Select(r => (int)r[3]).ToArray(),
            rows.Select(r => r[4] == 1).ToArray(),
            rows.Select(r => r[5]).ToArray(),
            rows.Select(r => r[6] == 1).ToArray(),
            double.Parse(Field("silhouette_without_noise"), CultureInfo.InvariantCulture),
            int.Parse(Field("clusters"), CultureInfo.InvariantCulture));
    });

    [Fact]
    public void Core_points_noise_and_clusters_match_scikit_learn()
    {
        var reference = Reference.Value;
        var result = Dbscan.Fit(reference.Points, 3, FixtureEps, FixtureMinPts);

        Assert.Equal(reference.IsCore, result.IsCore);
        Assert.Equal(reference.Labels.Select(l => l == -1), result.Labels.Select(l => l == DbscanResult.Noise));
        Assert.Equal(reference.Clusters, result.ClusterCount);

        // Same clusters up to relabelling: core points fix a one-to-one map between the numberings.
        var map = new Dictionary<int, int>();
        for (var i = 0; i < result.Labels.Length; i++)
        {
            if (!reference.IsCore[i]) continue;
            if (map.TryGetValue(result.Labels[i], out var theirs)) Assert.Equal(theirs, reference.Labels[i]);
            else map[result.Labels[i]] = reference.Labels[i];
        }
        Assert.Equal(map.Count, map.Values.Distinct().Count());

        // Border points: where only one cluster's cores reach them the label must agree; an
        // ambiguous one (cores of two clusters within eps) may go to either, so we check that our
        // choice is one of the clusters that reaches it.
        for (var i = 0; i < result.Labels.Length; i++)
        {
            if (reference.IsCore[i] || reference.Labels[i] == -1) continue;
            if (!reference.Ambiguous[i]) { Assert.Equal(reference.Labels[i], map[result.Labels[i]]); continue; }
            var reaching = Enumerable.Range(0, result.Labels.Length)
                .Where(j => reference.IsCore[j] && Distance(reference.Points, i, j) <= FixtureEps)
                .Select(j => result.Labels[j]).ToHashSet();
            Assert.Contains(result.Labels[i], reaching);
            Assert.True(reaching.Count > 1);
        }
        Assert.Equal(1, reference.Ambiguous.Count(a => a)); // the fixture really exercises that case
    }

    [Fact]
    public void Silhouette_without_noise_matches_scikit_learn()
    {
        var reference = Reference.Value;
        Assert.Equal(reference.Silhouette, Silhouette.Score(reference.Points, 3, reference.Labels), 1e-9);

        // Our own labels: the same partition as scikit-learn's, the ambiguous border point
        // included (both start clusters in row order, so it is reached first by the same cluster;
        // a different visit order could legitimately move that one point, and only it).
        var ours = Dbscan.Fit(reference.Points, 3, FixtureEps, FixtureMinPts);
        Assert.True(Enumerable.Range(0, ours.Labels.Length).All(i => reference.Labels[i] == -1 || Same(ours.Labels, reference.Labels, i)),
            "our clusters differ from scikit-learn's beyond relabelling");
        Assert.Equal(reference.Silhouette, Silhouette.Score(reference.Points, 3, ours.Labels), 1e-9);
    }

    [Fact]
    public void K_distances_match_scikit_learn_nearest_neighbors()
    {
        var reference = Reference.Value;
        var distances = KDistance.Compute(new KdTree(reference.Points, 3), FixtureMinPts);
        for (var i = 0; i < distances.Length; i++) Assert.Equal(reference.KDistances[i], distances[i], 1e-9);
        // A row is core exactly when its k-distance (k = minPts) is at most eps.
        Assert.Equal(reference.IsCore, distances.Select(d => d <= FixtureEps));
    }

    [Fact]
    public void Elbow_is_where_a_flat_curve_turns_steep()
    {
        var curve = Enumerable.Range(0, 100).Select(i => i < 80 ? 1 + i * 0.01 : 1.8 + (i - 80) * 0.5).ToArray();
        Assert.InRange(KDistance.Elbow(curve), 78, 81);
    }

    [Fact]
    public void Kd_tree_queries_agree_with_brute_force()
    {
        var random = new Random(9);
        const int dimension = 4, count = 700;
        // Clumped values with many exact duplicates, as in NSL-KDD.
        var points = Enumerable.Range(0, count * dimension).Select(_ => (float)Math.Round(random.NextDouble() * 3, 1)).ToArray();
        var tree = new KdTree(points, dimension);
        for (var q = 0; q < 40; q++)
        {
            var query = Enumerable.Range(0, dimension).Select(_ => (float)(random.NextDouble() * 3.4 - 0.2)).ToArray();
            var distances = Enumerable.Range(0, count).Select(r => Math.Sqrt(Enumerable.Range(0, dimension).Sum(j => Math.Pow(query[j] - (double)points[r * dimension + j], 2)))).ToArray();
            var radius = 0.2 + q * 0.02;
            Assert.Equal(distances.Count(d => d <= radius), tree.CountWithin(query, radius));
            Assert.Equal(Math.Min(5, distances.Count(d => d <= radius)), tree.CountWithin(query, radius, limit: 5));
            Assert.Equal(distances.Min(), tree.NearestDistance(query), 1e-9);
            Assert.Equal(distances.Order().ElementAt(6), tree.KthNearestDistance(query, 7), 1e-9);
            var found = new List<int>();
            tree.CollectActiveWithin(query, radius, found);
            Assert.Equal(Enumerable.Range(0, count).Where(r => distances[r] <= radius), found.Order());
        }
        // Switched-off rows are no longer handed out.
        var all = new List<int>();
        tree.CollectActiveWithin(points.AsSpan(0, dimension), 10, all);
        Assert.Equal(count, all.Count);
        for (var r = 0; r < count; r += 2) tree.Deactivate(r);
        var left = new List<int>();
        tree.CollectActiveWithin(points.AsSpan(0, dimension), 10, left);
        Assert.Equal(Enumerable.Range(0, count).Where(r => r % 2 == 1), left.Order());
    }

    [Fact]
    public void Dbscan_detector_ranks_held_out_attacks_above_normals_and_survives_a_model_file()
    {
        var train = DataSlices.Head(BundledData.Train, 6000);
        var test = DataSlices.Head(BundledData.Train, 8000).Subset(Enumerable.Range(6000, 2000).ToArray(), "held-out training rows");
        var trainer = DetectorCatalog.Get("dbscan").CreateTrainer(TrainerSettings.Default);
        var detector = DetectorTraining.Train(trainer, train.NormalOnly(), new TrainingDataInfo("slice", "", 0), new TrainingOptions { Refit = false });
        var scores = detector.Score(test.Records);
        var truth = test.RequireLabels().Select(l => l.IsAttack).ToArray();

        Assert.Equal(1, detector.Threshold);
        var auc = RankMetrics.RocAuc(truth, scores);
        Assert.True(auc > 0.85, $"ROC-AUC {auc:0.000}");
        Assert.True(Median(scores, truth, attack: true) > Median(scores, truth, attack: false));

        using var file = new MemoryStream();
        ModelFile.Write(detector, file);
        file.Position = 0;
        var loaded = ModelFile.Read(file, "dbscan round trip");
        Assert.Equal(scores, loaded.Score(test.Records));
        Assert.Equal(detector.Threshold, loaded.Threshold);
    }

    [Fact]
    public void Scores_are_distance_to_the_nearest_core_point_over_eps()
    {
        var train = DataSlices.Head(BundledData.Train, 3000);
        var settings = new TrainerSettings { Parameters = new Dictionary<string, string> { ["eps"] = "0.5", ["min-pts"] = "5", ["components"] = "3" } };
        var model = (DbscanModel)new DbscanTrainer(settings).Fit(train).Model;
        var coordinates = model.Projection.Project(train.Records);
        var clustering = Dbscan.Fit(coordinates, 3, 0.5, 5);

        // Training rows DBSCAN put in a cluster are within eps of a core point (score <= 1); noise is not.
        var scores = model.ScoreCoordinates(coordinates);
        for (var i = 0; i < scores.Length; i++)
            Assert.Equal(clustering.Labels[i] != DbscanResult.Noise, scores[i] <= 1 + 1e-9);
        Assert.Equal(clustering.CoreCount, model.Summary.CorePoints);
        Assert.Equal(clustering.NoiseCount, model.Summary.NoisePoints);
    }

    [Fact]
    public void Bad_settings_are_refused_with_the_parameter_name()
    {
        ArgumentException error = Assert.Throws<InvalidParameterException>(() => new DbscanTrainer(new TrainerSettings { Parameters = new Dictionary<string, string> { ["eps"] = "-1" } }));
        Assert.Contains("'eps'", error.Message);
        error = Assert.Throws<InvalidParameterException>(() => new DbscanTrainer(new TrainerSettings { Parameters = new Dictionary<string, string> { ["minpts"] = "5" } }));
        Assert.Contains("min-pts", error.Message);
        var tiny = new TrainerSettings { Parameters = new Dictionary<string, string> { ["eps"] = "0.0000001", ["min-pts"] = "450" } };
        error = Assert.Throws<ArgumentException>(() => new DbscanTrainer(tiny).Fit(DataSlices.Head(BundledData.Train, 500)));
        Assert.Contains("no core point", error.Message);
    }

    private static double Distance(float[] points, int a, int b) =>
        Math.Sqrt(Enumerable.Range(0, 3).Sum(j => Math.Pow(points[a * 3 + j] - (double)points[b * 3 + j], 2)));

    private static bool Same(int[] ours, int[] theirs, int i)
    {
        // Same partition: i shares a cluster with exactly the rows it shares one with in theirs.
        for (var j = 0; j < ours.Length; j++)
            if (theirs[j] != -1 && (ours[i] == ours[j]) != (theirs[i] == theirs[j])) return false;
        return true;
    }

    private static double Median(double[] scores, bool[] truth, bool attack)
    {
        var chosen = scores.Where((_, i) => truth[i] == attack).Order().ToArray();
        return chosen[chosen.Length / 2];
    }
}
