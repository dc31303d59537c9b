using System.Text.Json;

namespace Nad.Cli.Tests;

public class CliTests(CliData data) : IClassFixture<CliData>
{
    [Fact]
    public void Help_lists_every_command_and_each_command_explains_its_options()
    {
        var root = CliRunner.Run("--help");
        Assert.Equal(0, root.ExitCode);
        foreach (var command in new[] { "train", "evaluate", "predict", "extract", "demo", "models", "explore" })
            Assert.Contains(command, root.StdOut);

        var train = CliRunner.Run("train", "--help");
        foreach (var option in new[] { "--model", "--data", "--out", "--param", "--seed", "--cv", "--skip-bad-rows", "--validation-fraction" })
            Assert.Contains(option, train.StdOut);
        var evaluate = CliRunner.Run("evaluate", "--help");
        Assert.Contains("--json", evaluate.StdOut);
    }

    [Fact]
    public void Evaluate_prints_the_tables_a_user_needs()
    {
        var result = CliRunner.Run("evaluate", "--model", data.ModelPath, "--data", data.TestPath);
        Assert.Equal(0, result.ExitCode);
        foreach (var text in new[] { "accuracy", "precision", "recall", "F1", "ROC-AUC", "PR-AUC", "Confusion matrix", "actual attack", "DoS", "R2L", "neptune" })
            Assert.Contains(text, result.StdOut);
        Assert.Contains("read 1,128 rows", result.StdErr);
    }

    [Fact]
    public void Evaluate_json_is_only_json_on_stdout()
    {
        var result = CliRunner.Run("evaluate", "--model", data.ModelPath, "--data", data.TestPath, "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdOut);
        var metrics = json.RootElement.GetProperty("metrics");
        Assert.InRange(metrics.GetProperty("accuracy").GetDouble(), 0.7, 1);
        Assert.InRange(metrics.GetProperty("rocAuc").GetDouble(), 0.85, 1);
        Assert.Equal(1128, json.RootElement.GetProperty("rows").GetInt64());
        var attacks = json.RootElement.GetProperty("byAttack").EnumerateArray().Select(a => a.GetProperty("group").GetString()).ToArray();
        Assert.Contains("neptune", attacks);
        Assert.Contains("scoring", result.StdErr);
    }

    [Fact]
    public void Predict_writes_one_row_per_input_row()
    {
        var output = Path.Combine(data.Folder, "verdicts.csv");
        var result = CliRunner.Run("predict", "--model", data.ModelPath, "--data", data.TestPath, "--out", output);
        Assert.Equal(0, result.ExitCode);
        var lines = File.ReadAllLines(output);
        Assert.Equal("row,line,predicted,score,unknown_category", lines[0]);
        Assert.Equal(1129, lines.Length);
        var first = lines[1].Split(',');
        Assert.Equal(("1", "1"), (first[0], first[1]));
        Assert.Contains(first[2], new[] { "normal", "attack" });
        Assert.InRange(double.Parse(first[3], System.Globalization.CultureInfo.InvariantCulture), 0, 1);
        Assert.Contains(lines.Skip(1), l => l.Contains(",attack,"));
        Assert.Contains(lines.Skip(1), l => l.Contains(",normal,"));
    }

    [Fact]
    public void Predict_scores_an_unseen_service_and_reports_it()
    {
        var row = File.ReadAllLines(data.TestPath)[0].Split(',');
        row[2] = "quantum_teleport";
        var input = data.WriteText("unseen.csv", [string.Join(',', row)]);
        var output = Path.Combine(data.Folder, "unseen-out.csv");
        var result = CliRunner.Run("predict", "--model", data.ModelPath, "--data", input, "--out", output);
        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith(",1", File.ReadAllLines(output)[1]);
        Assert.Contains("1 rows had a categorical value never seen in training", result.StdErr);
    }

    [Fact]
    public void Bad_data_exits_2_with_file_line_and_column_and_no_stack_trace()
    {
        var row = File.ReadAllLines(data.TestPath)[0].Split(',');
        row[4] = "lots";
        var bad = data.WriteText("bad.csv", [string.Join(',', row)]);
        var result = CliRunner.Run("evaluate", "--model", data.ModelPath, "--data", bad);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.csv, line 1, column 5 (srcbytes): 'lots' is not a number", result.StdErr);
        // The reader names no option; the CLI says which one skips bad rows.
        Assert.Contains("1 bad row(s) (use --skip-bad-rows to skip bad rows):", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
    }

    [Fact]
    public void Skip_bad_rows_goes_on_and_says_how_many()
    {
        var lines = File.ReadAllLines(data.TestPath).Take(20).ToArray();
        lines[3] = "1,2,3";
        var input = data.WriteText("some-bad.csv", lines);
        var output = Path.Combine(data.Folder, "some-bad-out.csv");
        var result = CliRunner.Run("predict", "--model", data.ModelPath, "--data", input, "--out", output, "--skip-bad-rows");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("skipped 1 bad rows", result.StdErr);
        Assert.Equal(20, File.ReadAllLines(output).Length);
    }

    [Fact]
    public void Missing_files_and_broken_models_exit_2_with_a_clear_message()
    {
        var missing = CliRunner.Run("evaluate", "--model", data.ModelPath, "--data", Path.Combine(data.Folder, "none.csv"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("none.csv does not exist", missing.StdErr);

        var notModel = CliRunner.Run("evaluate", "--model", data.TestPath, "--data", data.TestPath);
        Assert.Equal(2, notModel.ExitCode);
        Assert.Contains("not a NAD model file", notModel.StdErr);
        Assert.DoesNotContain("   at ", notModel.StdErr);
    }

    [Fact]
    public void Bad_options_exit_non_zero_with_a_message()
    {
        var unknownModel = CliRunner.Run("train", "--model", "quantum-forest", "--data", data.TrainPath, "--out", "x");
        Assert.Equal(2, unknownModel.ExitCode);
        Assert.Contains("quantum-forest", unknownModel.StdErr);

        var badParam = CliRunner.Run("train", "--data", data.TrainPath, "--out", Path.Combine(data.Folder, "x"), "--param", "trees");
        Assert.Equal(2, badParam.ExitCode);
        Assert.Contains("not name=value", badParam.StdErr);

        var unlabeled = data.WriteText("unlabeled.csv", File.ReadAllLines(data.TestPath).Take(50).Select(l => string.Join(',', l.Split(',')[..41])));
        var noLabels = CliRunner.Run("evaluate", "--model", data.ModelPath, "--data", unlabeled);
        Assert.Equal(2, noLabels.ExitCode);
        Assert.Contains("no 'attack' column", noLabels.StdErr);
    }

    [Fact]
    public void Train_with_cross_validation_prints_the_fold_summary()
    {
        var output = Path.Combine(data.Folder, "cv.nadmodel");
        var result = CliRunner.Run("train", "--model", "random-forest", "--data", data.TrainPath, "--out", output, "--param", "trees=5", "--cv", "3");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("3-fold stratified cross-validation", result.StdOut);
        Assert.Contains("roc-auc", result.StdOut);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void Models_lists_the_catalog()
    {
        var result = CliRunner.Run("models");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("random-forest", result.StdOut);
        // The parameter table, from each trainer's declaration: name, default, range.
        Assert.Contains(result.StdOut.Split('\n'), line => line.Contains(" trees ") && line.Contains(" 100 ") && line.Contains("1..10000"));
        Assert.Contains(result.StdOut.Split('\n'), line => line.Contains(" contamination ") && line.Contains(" auto ") && line.Contains("(0, 0.5] or auto"));
    }
}
