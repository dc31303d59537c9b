using System.Text.Json;
using Nad.Core.Reading;

namespace Nad.Cli.Tests;

/// <summary><c>nad explore</c> end to end on small real files, and its bad-input paths.</summary>
public sealed class ExploreCommandTests
{
    private static string Folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "nad-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string Slice(string folder, string name, string gzipPath, int every)
    {
        var lines = CliData.Lines(gzipPath);
        var path = Path.Combine(folder, name);
        File.WriteAllLines(path, [lines[0], .. lines.Skip(1).Where((_, i) => i % every == 0)]);
        return path;
    }

    [Fact]
    public void Explore_writes_html_and_json_and_summarises_the_findings()
    {
        var folder = Folder();
        var data = Slice(folder, "test.csv", BundledData.TestPlus, 10);
        var compare = Slice(folder, "test21.csv", BundledData.Test21, 10);
        var output = Path.Combine(folder, "report");
        var result = CliRunner.Run("explore", "--data", data, "--compare", compare, "--out", output);
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.True(File.Exists(Path.Combine(output, "report.html")));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        Assert.Equal(2255, json.RootElement.GetProperty("overview").GetProperty("rows").GetInt32());
        Assert.Contains("numoutboundcmds is constant", result.StdOut);
        Assert.Contains("hypothesis tests", result.StdOut);
        Assert.Contains("exploring", result.StdErr);
    }

    [Fact]
    public void Missing_data_file_exits_2_naming_the_file()
    {
        var folder = Folder();
        var missing = Path.Combine(folder, "no-such-file.csv");
        var result = CliRunner.Run("explore", "--data", missing, "--out", Path.Combine(folder, "out"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error:", result.StdErr);
        Assert.Contains(missing, result.StdErr);
        Assert.Contains("does not exist", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
    }

    [Fact]
    public void Missing_compare_file_exits_2_before_reading_the_data()
    {
        var folder = Folder();
        var missing = Path.Combine(folder, "absent.csv.gz");
        var result = CliRunner.Run("explore", "--data", BundledData.Train, "--compare", missing, "--out", Path.Combine(folder, "out"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(missing, result.StdErr);
        Assert.Contains("--compare", result.StdErr);
        Assert.DoesNotContain("read ", result.StdErr);
    }
}
