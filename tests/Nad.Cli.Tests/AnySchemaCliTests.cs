using System.IO.Compression;
using System.Text.Json;

namespace Nad.Cli.Tests;

/// <summary>
/// Issue 14: every command on a schema that is not NSL-KDD, on the real UNSW-NB15 and CIC-IDS2017 samples:
/// a family model (train, evaluate, predict), explain, explore and benchmark. Expectations come from the files' text.
/// </summary>
public class AnySchemaCliTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nad-cli-tests", Guid.NewGuid().ToString("N"));

    public AnySchemaCliTests() => Directory.CreateDirectory(_folder);

    private static string Unsw => Path.Combine(CliData.RepoRoot, "data", "flows", "unsw-nb15-testing-sample.csv.gz");
    private static string Cic => Path.Combine(CliData.RepoRoot, "data", "flows", "cic-ids2017-trafficlabelling-sample.csv.gz");

    [Fact]
    public void Unsw_family_model_trains_evaluates_per_attack_cat_and_predicts_a_family_column()
    {
        var model = Path.Combine(_folder, "family.nadmodel");
        var train = CliRunner.Run("train", "--schema", "unsw-nb15", "--target", "family", "--model", "lightgbm", "--param", "iterations=20",
            "--data", Unsw, "--out", model);
        Assert.True(train.ExitCode == 0, train.StdErr);

        // What the file says: its attack_cat values and how many rows each has.
        var lines = Lines(Unsw);
        var category = Array.IndexOf(lines[0].TrimStart('\uFEFF').Split(','), "attack_cat");
        var counts = lines.Skip(1).Where(l => l.Length > 0).GroupBy(l => l.Split(',')[category].Trim()).ToDictionary(g => g.Key, g => g.Count());
        string[] families = ["Normal", .. counts.Keys.Where(k => k != "Normal").Order(StringComparer.Ordinal)];

        var evaluate = CliRunner.Run("evaluate", "--model", model, "--data", Unsw, "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.StdErr);
        var report = JsonDocument.Parse(evaluate.StdOut).RootElement.GetProperty("families");
        Assert.Equal(families, report.GetProperty("families").EnumerateArray().Select(f => f.GetString()));
        foreach (var row in report.GetProperty("perFamily").EnumerateArray())
            Assert.Equal(counts[row.GetProperty("family").GetString()!], row.GetProperty("support").GetInt64());
        Assert.Contains(report.GetProperty("perFamily").EnumerateArray(), r => r.GetProperty("family").GetString() == "Exploits");

        var table = CliRunner.Run("evaluate", "--model", model, "--data", Unsw);
        Assert.Contains("Family confusion matrix", table.StdOut);

        var predict = CliRunner.Run("predict", "--model", model, "--data", Unsw);
        Assert.True(predict.ExitCode == 0, predict.StdErr);
        var rows = predict.StdOut.TrimEnd('\n').Split('\n');
        Assert.StartsWith("row,line,predicted,score,unknown_category,family", rows[0]);
        Assert.Equal(lines.Skip(1).Count(l => l.Length > 0), rows.Length - 1);
        foreach (var row in rows.Skip(1))
        {
            var cells = row.Split(',');
            Assert.Contains(cells[5], families);
            Assert.Equal(cells[2] == "attack", cells[5] != "Normal");
        }
        Assert.Contains(rows.Skip(1), r => r.Split(',')[5] == "Exploits");
    }

    [Fact]
    public void A_supervised_model_on_an_all_benign_cic_file_is_exit_2_pointing_to_a_model_of_normal_traffic_which_trains()
    {
        // The TrafficLabelling sample holds BENIGN rows only (the file says so: every label cell).
        var labels = Lines(Cic).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[^1].Trim()).Distinct().ToArray();
        Assert.Equal(["BENIGN"], labels);

        var supervised = CliRunner.Run("train", "--schema", "cic-ids2017", "--data", Cic, "--out", Path.Combine(_folder, "c.nadmodel"));
        Assert.Equal(2, supervised.ExitCode);
        Assert.Contains("only one class", supervised.StdErr);
        Assert.Contains("isolation-forest", supervised.StdErr);

        var unsupervised = CliRunner.Run("train", "--schema", "cic-ids2017", "--model", "isolation-forest", "--data", Cic, "--out", Path.Combine(_folder, "c.nadmodel"));
        Assert.True(unsupervised.ExitCode == 0, unsupervised.StdErr);
    }

    [Fact]
    public void Family_target_on_a_schema_without_labels_is_exit_2_naming_it()
    {
        var schema = Path.Combine(_folder, "nolabel.json");
        File.WriteAllText(schema, """{"name":"nolabel","columns":[{"name":"a"},{"name":"b"}]}""");
        var data = Path.Combine(_folder, "nolabel.csv");
        File.WriteAllText(data, "a,b\n1,2\n3,4\n");
        var result = CliRunner.Run("train", "--schema", schema, "--target", "family", "--data", data, "--out", Path.Combine(_folder, "x.nadmodel"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--target family needs labelled data", result.StdErr);
    }

    [Fact]
    public void Explain_names_cic_columns_for_a_cic_record()
    {
        var model = Path.Combine(_folder, "cic.nadmodel");
        var train = CliRunner.Run("train", "--schema", "cic-ids2017", "--model", "isolation-forest", "--param", "contamination=0.05", "--data", Cic, "--out", model);
        Assert.True(train.ExitCode == 0, train.StdErr);
        var predict = CliRunner.Run("predict", "--model", model, "--data", Cic);
        var flagged = predict.StdOut.Split('\n').Skip(1).First(l => l.Split(',') is [_, _, "attack", ..]).Split(',')[0];

        var result = CliRunner.Run("explain", "--model", model, "--data", Cic, "--row", flagged, "--json");
        Assert.True(result.ExitCode == 0, result.StdErr);
        var explanation = JsonDocument.Parse(result.StdOut).RootElement.GetProperty("explanation");
        Assert.True(explanation.GetProperty("isAttack").GetBoolean());
        // The file's own header names (trimmed: CIC writes ' Flow Duration'), never NSL-KDD's.
        var header = Lines(Cic)[0].Split(',').Select(h => h.Trim()).ToHashSet(StringComparer.Ordinal);
        var features = explanation.GetProperty("contributions").EnumerateArray().Select(c => c.GetProperty("feature").GetString()!).ToArray();
        Assert.Equal(5, features.Length);
        Assert.All(features, f => Assert.Contains(f, header));

        var text = CliRunner.Run("explain", "--model", model, "--data", Cic, "--row", flagged);
        Assert.True(text.ExitCode == 0, text.StdErr);
        Assert.Contains(features[0], text.StdOut);
    }

    [Theory]
    [InlineData("unsw-nb15")]
    [InlineData("cic-ids2017")]
    public void Explore_writes_its_report_for_another_schema(string schema)
    {
        var data = schema == "unsw-nb15" ? Unsw : Cic;
        var output = Path.Combine(_folder, "explore-" + schema);
        var result = CliRunner.Run("explore", "--schema", schema, "--data", data, "--out", output);
        Assert.True(result.ExitCode == 0, result.StdErr);
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json"))).RootElement;
        var header = Lines(data)[0].TrimStart('\uFEFF').Split(',').Select(h => h.Trim()).ToHashSet(StringComparer.Ordinal);
        var numeric = json.GetProperty("numericFeatures").EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToArray();
        Assert.NotEmpty(numeric);
        Assert.All(numeric, n => Assert.True(header.Contains(n) || n.EndsWith(" (missing)", StringComparison.Ordinal), n));
        Assert.Contains("<html", File.ReadAllText(Path.Combine(output, "report.html")));
    }

    [Fact]
    public void Benchmark_runs_on_unsw_and_needs_its_own_files()
    {
        var output = Path.Combine(_folder, "bench");
        var result = CliRunner.Run("benchmark", "--schema", "unsw-nb15", "--train", Unsw, "--test", Unsw, "--models", "random-forest",
            "--folds", "0", "--out", output);
        Assert.True(result.ExitCode == 0, result.StdErr);
        var markdown = File.ReadAllText(Path.Combine(output, "benchmark.md"));
        Assert.Contains("| random-forest |", markdown);
        Assert.DoesNotContain("R2L recall", markdown); // the rare families are the file's own
        Assert.True(File.Exists(Path.Combine(output, "benchmark.json")));
        Assert.NotEmpty(Directory.GetFiles(output, "roc-*.svg"));

        var missing = CliRunner.Run("benchmark", "--schema", "unsw-nb15", "--models", "random-forest", "--out", output);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("needs --train and --test", missing.StdErr);
    }

    private static string[] Lines(string gzipPath)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(gzipPath), CompressionMode.Decompress));
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return [.. lines];
    }
}
