namespace Nad.Cli.Tests;

/// <summary><c>--schema</c> on train/evaluate/predict and <c>nad schema infer</c>, on the real flow samples and examples/custom-flows.</summary>
public class SchemaCliTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nad-cli-tests", Guid.NewGuid().ToString("N"));

    public SchemaCliTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public void The_custom_flows_example_trains_evaluates_and_predicts_with_its_schema_file()
    {
        var example = Path.Combine(CliData.RepoRoot, "examples", "custom-flows");
        var model = Path.Combine(_folder, "custom.nadmodel");
        var train = CliRunner.Run("train", "--schema", Path.Combine(example, "schema.json"), "--data", Path.Combine(example, "flows.csv"),
            "--model", "random-forest", "--param", "trees=20", "--out", model);
        Assert.Equal(0, train.ExitCode);
        Assert.Contains("(schema custom-flows)", train.StdErr);
        Assert.Contains("cleaned Infinity cells: 1", train.StdErr);
        Assert.Contains("cleaned empty numeric cells: 1", train.StdErr);

        var evaluate = CliRunner.Run("evaluate", "--model", model, "--data", Path.Combine(example, "flows.csv"));
        Assert.Equal(0, evaluate.ExitCode);
        Assert.Contains("Probe", evaluate.StdOut); // the schema's families: portscan -> Probe

        var predict = CliRunner.Run("predict", "--model", model, "--data", Path.Combine(example, "flows.csv"));
        Assert.Equal(0, predict.ExitCode);
        var lines = predict.StdOut.TrimEnd('\n').Split('\n');
        Assert.Equal("row,line,predicted,score,unknown_category,src_ip", lines[0]);
        Assert.Equal(95, lines.Length);
        var csv = File.ReadAllLines(Path.Combine(example, "flows.csv"));
        Assert.Equal(csv[1].Split(',')[0], lines[1].Split(',')[5]); // src_ip carried through, not a feature
        Assert.True(lines.Skip(1).Count(l => l.Contains(",attack,")) >= 28); // the 32 scan and flood rows, nearly all
    }

    [Fact]
    public void Unsw_nb15_sample_trains_with_the_built_in_schema_and_refuses_another()
    {
        var sample = Path.Combine(CliData.RepoRoot, "data", "flows", "unsw-nb15-testing-sample.csv.gz");
        var model = Path.Combine(_folder, "u.nadmodel");
        Assert.Equal(0, CliRunner.Run("train", "--schema", "unsw-nb15", "--data", sample, "--model", "random-forest", "--param", "trees=20", "--out", model).ExitCode);
        var evaluate = CliRunner.Run("evaluate", "--model", model, "--data", sample);
        Assert.Equal(0, evaluate.ExitCode);
        Assert.Contains("Exploits", evaluate.StdOut);

        var wrong = CliRunner.Run("predict", "--model", model, "--data", sample, "--schema", "cic-ids2017");
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("trained on schema 'unsw-nb15'", wrong.StdErr);

        // An NSL-KDD model given the UNSW file: every missing and extra column named, exit 2.
        var nsl = CliRunner.Run("train", "--data", sample, "--out", Path.Combine(_folder, "n.nadmodel"));
        Assert.Equal(2, nsl.ExitCode);
    }

    [Fact]
    public void Schema_infer_writes_a_file_that_trains()
    {
        var sample = Path.Combine(CliData.RepoRoot, "data", "flows", "unsw-nb15-testing-sample.csv.gz");
        var schema = Path.Combine(_folder, "my.json");
        var infer = CliRunner.Run("schema", "infer", "--data", sample, "--label", "attack_cat", "--normal", "Normal", "--name", "my-unsw", "--out", schema);
        Assert.Equal(0, infer.ExitCode);
        Assert.Contains("ignored: id", infer.StdErr);
        var train = CliRunner.Run("train", "--schema", schema, "--data", sample, "--model", "random-forest", "--param", "trees=10", "--out", Path.Combine(_folder, "m.nadmodel"));
        Assert.Equal(0, train.ExitCode);
        Assert.Contains("(schema my-unsw)", train.StdErr);

        var missing = CliRunner.Run("schema", "infer", "--data", sample, "--label", "Category", "--normal", "BENIGN", "--out", schema);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("'Category' is not a column of the header", missing.StdErr);
    }
}
