using Nad.Cli.Output;

namespace Nad.Cli.Tests;

/// <summary>
/// Results sent to a file or a pipe (here: string writers, as for every CLI test) stay readable:
/// no rule, table, sentence or help line on stdout wider than <see cref="Terminal.RedirectedWidth"/>.
/// Messages on stderr are one line each on purpose (a log line to grep, a path to copy whole).
/// </summary>
public class OutputWidthTests(CliData data) : IClassFixture<CliData>
{
    [Fact]
    public void Models_table_fits_the_width()
    {
        var result = CliRunner.Run("models");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("random-forest", result.StdOut);
        AssertFits(result);
    }

    [Fact]
    public void Evaluation_rules_and_tables_fit_the_width()
    {
        var result = CliRunner.Run("evaluate", "--model", data.ModelPath, "--data", data.TestPath);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("──", result.StdOut); // the section rule is there, only shorter
        Assert.Contains("Confusion matrix", result.StdOut);
        AssertFits(result);
    }

    [Fact]
    public void Training_with_cross_validation_and_explaining_a_row_fit_the_width()
    {
        var train = CliRunner.Run("train", "--model", "decision-tree", "--data", data.TrainPath, "--out", Path.Combine(data.Folder, "width.nadmodel"), "--cv", "2");
        Assert.Equal(0, train.ExitCode);
        AssertFits(train);
        var explain = CliRunner.Run("explain", "--model", data.ModelPath, "--data", data.TestPath, "--row", "1");
        Assert.Equal(0, explain.ExitCode);
        AssertFits(explain);
    }

    [Fact]
    public void Help_of_every_command_fits_the_width()
    {
        var root = CliRunner.Run("--help");
        AssertFits(root);
        foreach (var command in new[] { "train", "evaluate", "predict", "extract", "watch", "demo", "models", "explore", "cluster", "serve", "benchmark", "explain-model", "explain", "drift" })
        {
            var help = CliRunner.Run(command, "--help");
            Assert.Equal(0, help.ExitCode);
            Assert.Contains("Usage:", help.StdOut);
            AssertFits(help);
        }
    }

    private static void AssertFits(CliRunner.Result result)
    {
        var widest = result.StdOut.Split('\n').Select(l => l.TrimEnd('\r')).MaxBy(l => l.Length) ?? "";
        Assert.True(widest.Length <= Terminal.RedirectedWidth, $"stdout has a {widest.Length}-character line: {widest}");
    }
}
