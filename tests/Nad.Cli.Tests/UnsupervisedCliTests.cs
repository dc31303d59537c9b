using System.Text.Json;

namespace Nad.Cli.Tests;

/// <summary>`nad train --model isolation-forest` with and without labels, and the threshold options.</summary>
public class UnsupervisedCliTests(CliData data) : IClassFixture<CliData>
{
    [Fact]
    public void Isolation_forest_trained_on_normal_rows_evaluates_like_any_model()
    {
        var model = Path.Combine(data.Folder, "if-normal.nadmodel");
        var train = CliRunner.Run("train", "--model", "isolation-forest", "--normal-only", "--data", data.TrainPath, "--out", model);
        Assert.Equal(0, train.ExitCode);
        Assert.Contains("saved isolation-forest", train.StdOut);

        var evaluate = CliRunner.Run("evaluate", "--model", model, "--data", data.TestPath, "--json");
        Assert.Equal(0, evaluate.ExitCode);
        using var json = JsonDocument.Parse(evaluate.StdOut);
        var metrics = json.RootElement.GetProperty("metrics");
        Assert.InRange(metrics.GetProperty("rocAuc").GetDouble(), 0.9, 1);
        Assert.InRange(metrics.GetProperty("prAuc").GetDouble(), 0.85, 1);
    }

    [Fact]
    public void The_default_threshold_on_all_rows_warns_and_a_target_fpr_is_used_instead()
    {
        var auto = CliRunner.Run("train", "--model", "isolation-forest", "--param", "encoding=one-hot", "--data", data.TrainPath,
            "--out", Path.Combine(data.Folder, "if-auto.nadmodel"));
        Assert.Equal(0, auto.ExitCode);
        Assert.Contains("warning", auto.StdErr);
        Assert.Contains("--target-fpr", auto.StdErr);

        var budget = CliRunner.Run("train", "--model", "isolation-forest", "--param", "encoding=one-hot", "--target-fpr", "0.05",
            "--data", data.TrainPath, "--out", Path.Combine(data.Folder, "if-fpr.nadmodel"));
        Assert.Equal(0, budget.ExitCode);
        Assert.DoesNotContain("warning", budget.StdErr);
        Assert.Contains("flags 5.00 % of the normal rows", budget.StdOut.ReplaceLineEndings(" ").Replace("  ", " "));
    }

    [Fact]
    public void Unlabelled_data_trains_without_labels_but_refuses_options_that_need_them()
    {
        var unlabelled = data.WriteText("unlabelled.csv", File.ReadLines(data.TestPath).Select(l => string.Join(',', l.Split(',')[..41])));

        var plain = CliRunner.Run("train", "--model", "isolation-forest", "--data", unlabelled, "--out", Path.Combine(data.Folder, "if-unlabelled.nadmodel"));
        Assert.Equal(0, plain.ExitCode);
        Assert.Contains("no labels", Unwrapped(plain.StdOut));

        var normalOnly = CliRunner.Run("train", "--model", "isolation-forest", "--normal-only", "--data", unlabelled, "--out", Path.Combine(data.Folder, "x.nadmodel"));
        Assert.Equal(2, normalOnly.ExitCode);
        Assert.Contains("error:", normalOnly.StdErr);

        var badFpr = CliRunner.Run("train", "--model", "isolation-forest", "--target-fpr", "1.5", "--data", data.TrainPath, "--out", Path.Combine(data.Folder, "y.nadmodel"));
        Assert.Equal(2, badFpr.ExitCode);
        Assert.Contains("--target-fpr", badFpr.StdErr);
    }

    // Results written to a pipe wrap at 100 columns: a phrase may straddle a line break.
    private static string Unwrapped(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
}
