using System.Text.Json;
using System.Xml.Linq;

namespace Nad.Cli.Tests;

/// <summary>`nad cluster`, `nad evaluate --plots` and the unsupervised rows of `nad benchmark`, on small real files.</summary>
public class ClusterCliTests(CliData data) : IClassFixture<CliData>
{
    [Fact]
    public void Cluster_writes_the_k_distance_and_cluster_plots_and_every_number_as_json()
    {
        var folder = Path.Combine(data.Folder, "cluster");
        var result = CliRunner.Run("cluster", "--data", data.TrainPath, "--out", folder, "--silhouette-rows", "500");
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("chosen eps =", result.StdOut);
        Assert.Contains("nad train --model dbscan --param eps=", result.StdOut);

        foreach (var name in new[] { "kdistance.svg", "clusters.svg" })
            Assert.Equal("svg", XDocument.Load(Path.Combine(folder, name)).Root!.Name.LocalName);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "cluster.json")));
        var root = json.RootElement;
        var chosen = root.GetProperty("chosen");
        Assert.True(chosen.GetProperty("eps").GetDouble() > 0);
        Assert.Equal(root.GetProperty("kDistance").GetProperty("elbowDistance").GetDouble(), chosen.GetProperty("eps").GetDouble());
        Assert.Equal(12, root.GetProperty("grid").GetArrayLength()); // 4 eps × 3 minPts
        // The labelled file describes each cluster by its attack share; noise is listed first.
        var clusters = root.GetProperty("clusters");
        Assert.Equal(-1, clusters[0].GetProperty("cluster").GetInt32());
        Assert.InRange(clusters[1].GetProperty("attackShare").GetDouble(), 0, 1);
        Assert.Equal(root.GetProperty("rows").GetInt32(), clusters.EnumerateArray().Sum(c => c.GetProperty("rows").GetInt32()));
    }

    [Fact]
    public void Cluster_refuses_bad_settings_with_exit_2_and_names_the_option()
    {
        var result = CliRunner.Run("cluster", "--data", data.TrainPath, "--out", Path.Combine(data.Folder, "bad-cluster"), "--min-pts", "1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--min-pts", result.StdErr);
        Assert.DoesNotContain(" at Nad.", result.StdErr);

        var missing = CliRunner.Run("cluster", "--data", Path.Combine(data.Folder, "no-such.csv"), "--out", Path.Combine(data.Folder, "bad-cluster"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no-such.csv", missing.StdErr);
    }

    [Fact]
    public void Dbscan_trains_and_evaluate_plots_score_histograms_for_it_and_for_a_supervised_model()
    {
        var model = Path.Combine(data.Folder, "dbscan-normal.nadmodel");
        var train = CliRunner.Run("train", "--model", "dbscan", "--normal-only", "--data", data.TrainPath, "--out", model);
        Assert.True(train.ExitCode == 0, train.StdErr);
        Assert.Contains("saved dbscan", train.StdOut);

        foreach (var (file, name) in new[] { (model, "dbscan"), (data.ModelPath, "rf") })
        {
            var folder = Path.Combine(data.Folder, "plots-" + name);
            var evaluate = CliRunner.Run("evaluate", "--model", file, "--data", data.TestPath, "--plots", folder, "--json");
            Assert.True(evaluate.ExitCode == 0, evaluate.StdErr);
            using var json = JsonDocument.Parse(evaluate.StdOut); // the plot message stays off stdout
            var svg = XDocument.Load(Path.Combine(folder, "scores-test.svg"));
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            Assert.Contains("threshold", svg.ToString());
            if (name == "dbscan") Assert.InRange(json.RootElement.GetProperty("metrics").GetProperty("rocAuc").GetDouble(), 0.85, 1);
        }
    }

    [Fact]
    public void Benchmark_gives_unsupervised_models_an_all_rows_and_a_normal_rows_row_without_cross_validation()
    {
        var folder = Path.Combine(data.Folder, "bench-unsupervised");
        var result = CliRunner.Run("benchmark", "--models", "pca,decision-tree", "--train", data.TrainPath,
            "--test", data.TestPath, "--folds", "2", "--out", folder);
        Assert.True(result.ExitCode == 0, result.StdErr);
        var markdown = File.ReadAllText(Path.Combine(folder, "benchmark.md"));
        Assert.Contains("| pca |", markdown);
        Assert.Contains("| pca (normal rows) |", markdown);
        Assert.Contains("best F1 (oracle)", markdown);
        Assert.Contains("PR-AUC", markdown);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "benchmark.json")));
        var models = json.RootElement.GetProperty("models").EnumerateArray().ToArray();
        Assert.Equal(3, models.Length);
        Assert.All(models.Where(m => !m.GetProperty("isSupervised").GetBoolean()), m => Assert.Equal(JsonValueKind.Null, m.GetProperty("crossValidation").ValueKind));
        Assert.NotEqual(JsonValueKind.Null, models.Single(m => m.GetProperty("isSupervised").GetBoolean()).GetProperty("crossValidation").ValueKind);
        // The oracle F1 is at least the F1 at the model's own threshold.
        foreach (var test in models.SelectMany(m => m.GetProperty("tests").EnumerateArray()))
            Assert.True(test.GetProperty("bestF1").GetDouble() >= test.GetProperty("metrics").GetProperty("f1").GetDouble() - 1e-12);
    }
}
