using System.Text.Json;

namespace Nad.Cli.Tests;

/// <summary>The commands of the model zoo: family evaluation, explain-model and benchmark, on small real files.</summary>
public class ModelZooCliTests(CliData data) : IClassFixture<CliData>
{
    [Fact]
    public void Family_model_evaluation_prints_per_family_precision_recall_and_the_5x5_matrix()
    {
        var model = Path.Combine(data.Folder, "family.nadmodel");
        var train = CliRunner.Run("train", "--model", "logistic-regression", "--target", "family", "--data", data.TrainPath, "--out", model);
        Assert.True(train.ExitCode == 0, train.StdErr);

        var result = CliRunner.Run("evaluate", "--model", model, "--data", data.TestPath);
        Assert.Equal(0, result.ExitCode);
        foreach (var text in new[] { "By family", "Family confusion matrix", "U2R", "precision", "recall" })
            Assert.Contains(text, result.StdOut);

        var json = JsonDocument.Parse(CliRunner.Run("evaluate", "--model", model, "--data", data.TestPath, "--json").StdOut);
        var confusion = json.RootElement.GetProperty("families").GetProperty("confusion");
        Assert.Equal(5, confusion.GetArrayLength());
        Assert.All(confusion.EnumerateArray(), row => Assert.Equal(5, row.GetArrayLength()));
    }

    // Issue 16 item 3: a family model's predict output names the family (CSV column, JSON field).
    [Fact]
    public void Family_model_predict_names_the_family_of_each_row_in_csv_and_json()
    {
        var model = Path.Combine(data.Folder, "family-predict.nadmodel");
        Assert.Equal(0, CliRunner.Run("train", "--model", "logistic-regression", "--target", "family", "--data", data.TrainPath, "--out", model).ExitCode);
        var csv = CliRunner.Run("predict", "--model", model, "--data", data.TestPath);
        Assert.True(csv.ExitCode == 0, csv.StdErr);
        var lines = csv.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("row,line,predicted,score,unknown_category,family", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.All(rows, r => Assert.Equal(r[2] == "attack", r[5] != "Normal"));
        Assert.Contains(rows, r => r[5] == "DoS");

        var json = CliRunner.Run("predict", "--model", model, "--data", data.TestPath, "--json");
        var first = JsonDocument.Parse(json.StdOut.Split('\n')[0]).RootElement;
        Assert.Equal(rows[0][5], first.GetProperty("family").GetString());
    }

    [Fact]
    public void Explain_model_prints_the_rules_of_a_decision_tree_and_refuses_other_models()
    {
        var model = Path.Combine(data.Folder, "tree.nadmodel");
        Assert.Equal(0, CliRunner.Run("train", "--model", "decision-tree", "--data", data.TrainPath, "--out", model).ExitCode);
        var rules = CliRunner.Run("explain-model", "--model", model, "--depth", "3");
        Assert.Equal(0, rules.ExitCode);
        Assert.Contains("if ", rules.StdOut);
        Assert.Contains("=> attack", rules.StdOut);
        Assert.Contains("=> normal", rules.StdOut);

        var forest = CliRunner.Run("explain-model", "--model", data.ModelPath);
        Assert.Equal(2, forest.ExitCode);
        Assert.Contains("no single tree", forest.StdErr);
    }

    [Fact]
    public void Quick_benchmark_writes_markdown_json_and_roc_charts()
    {
        var folder = Path.Combine(data.Folder, "bench");
        var result = CliRunner.Run("benchmark", "--quick", "--models", "decision-tree,logistic-regression", "--train", data.TrainPath,
            "--test", data.TestPath, "--folds", "2", "--out", folder);
        Assert.True(result.ExitCode == 0, result.StdErr);
        var markdown = File.ReadAllText(Path.Combine(folder, "benchmark.md"));
        Assert.Contains("| decision-tree |", markdown);
        Assert.Contains("| logistic-regression |", markdown);
        Assert.Contains("2-fold stratified cross-validation", markdown);
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "benchmark.json")));
        Assert.Equal(2, json.RootElement.GetProperty("models").GetArrayLength());
        var svg = File.ReadAllText(Directory.GetFiles(folder, "roc-*.svg").Single());
        Assert.Contains("<polyline", svg);
    }

    [Fact]
    public void Benchmark_refuses_unknown_models_with_exit_2()
    {
        var result = CliRunner.Run("benchmark", "--models", "random-forest,no-such-model", "--out", Path.Combine(data.Folder, "bad"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no-such-model", result.StdErr);
    }
}
