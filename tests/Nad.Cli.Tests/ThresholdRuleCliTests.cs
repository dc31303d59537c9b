using System.IO.Compression;
using System.Text.Json;

namespace Nad.Cli.Tests;

/// <summary><c>nad train --threshold</c>: the leave-attack-types-out rule on a small real file, and its bad input.</summary>
public class ThresholdRuleCliTests(CliData data) : IClassFixture<CliData>
{
    [Fact]
    public void Novel_rule_shows_its_rounds_and_stores_how_the_threshold_was_chosen()
    {
        var model = Path.Combine(data.Folder, "novel.nadmodel");
        var result = CliRunner.Run("train", "--model", "random-forest", "--param", "trees=10", "--threshold", "novel", "--novel-groups", "3",
            "--data", data.TrainPath, "--out", model);
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("leave-attack-types-out rounds", result.StdOut);
        Assert.Contains("never saw", result.StdOut);

        using var zip = ZipFile.OpenRead(model);
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var selection = manifest.RootElement.GetProperty("thresholdSelection");
        Assert.Equal("novel", selection.GetProperty("rule").GetString());
        Assert.Equal(3, selection.GetProperty("leftOutGroups").GetArrayLength());
        Assert.InRange(selection.GetProperty("novelDetectionRate").GetDouble(), 0, 1);

        var evaluate = CliRunner.Run("evaluate", "--model", model, "--data", data.TestPath);
        Assert.Equal(0, evaluate.ExitCode);
    }

    [Fact]
    public void Models_lists_each_supervised_model_s_default_threshold_rule()
    {
        var result = CliRunner.Run("models");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("threshold", result.StdOut);
        // Each model's own row of the first table names its rule: supervised models the held-out cut, unsupervised ones their own threshold.
        var models = result.StdOut[..result.StdOut.IndexOf('┌', 1)]; // the second table lists the parameters
        // A row wraps over several lines at 100 columns: take the model's line and those below it up to the next model.
        var lines = models.Split('\n');
        string Row(string model)
        {
            var first = Array.FindIndex(lines, line => line.StartsWith($"│ {model} ", StringComparison.Ordinal) && line.Contains("supervised"));
            Assert.True(first >= 0, $"no row for {model}");
            var block = lines.Skip(first).TakeWhile((line, i) => i == 0 || line.StartsWith("│  ", StringComparison.Ordinal));
            return string.Join(' ', block.SelectMany(line => line.Split((char[])[' ', '│'], StringSplitOptions.RemoveEmptyEntries)));
        }
        foreach (var model in new[] { "random-forest", "hybrid", "lightgbm" }) Assert.Contains("held-out", Row(model));
        foreach (var model in new[] { "isolation-forest", "dbscan" }) Assert.Contains("its own", Row(model));
    }

    [Theory]
    [InlineData("--threshold", "sometimes", "--threshold")]
    [InlineData("--novel-groups", "1", "--novel-groups")]
    [InlineData("--target-fpr", "0.02", "--target-fpr and --threshold novel are two threshold rules; choose one.")]
    [InlineData("--target", "family", "Model 'random-forest' predicts normal/attack only; for --target family use logistic-regression, lightgbm or neural-network.")]
    public void Bad_threshold_options_are_exit_2_naming_the_option(string option, string value, string expected)
    {
        string[] args = ["train", "--model", "random-forest", "--param", "trees=5", "--data", data.TrainPath, "--out", Path.Combine(data.Folder, "bad.nadmodel"), option, value];
        if (option == "--target-fpr") args = [.. args, "--threshold", "novel"];
        var result = CliRunner.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
    }
}
