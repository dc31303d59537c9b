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

    // Issue 16: held-out rows of a --normal-only run are all normal; the summary printed precision
    // 0.00 %, recall 0.00 %, ROC-AUC n/a. It says what it checked: the false-positive rate and its target.
    [Fact]
    public void Normal_only_training_reports_the_false_positive_rate_on_held_out_normal_rows_not_zero_precision()
    {
        var own = CliRunner.Run("train", "--model", "isolation-forest", "--normal-only", "--data", data.TrainPath,
            "--out", Path.Combine(data.Folder, "if-normal-own.nadmodel"));
        Assert.True(own.ExitCode == 0, own.StdErr);
        var ownText = Flat(own.StdOut);
        Assert.Contains("held-out training rows, all normal", ownText);
        Assert.Contains("no target set: the threshold is the model's own cut", ownText);
        Assert.DoesNotContain("precision │", ownText);

        var budget = CliRunner.Run("train", "--model", "isolation-forest", "--normal-only", "--target-fpr", "0.05", "--data", data.TrainPath,
            "--out", Path.Combine(data.Folder, "if-normal-fpr.nadmodel"));
        Assert.True(budget.ExitCode == 0, budget.StdErr);
        var text = Flat(budget.StdOut);
        Assert.Contains("target 5.00 % (--target-fpr)", text);
        var rate = System.Text.RegularExpressions.Regex.Match(text, @"false-positive rate (\d+\.\d+) % \((\d[\d,]*) of (\d[\d,]*) normal rows flagged\)");
        Assert.True(rate.Success, text);
        // The budget is chosen on these very rows, so the realised rate sits at it (ties can only lower it).
        Assert.InRange(double.Parse(rate.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 3.0, 5.0);
        Assert.True(int.Parse(rate.Groups[3].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture) > 100, text);
    }

    private static string Flat(string output) => System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");

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
