using System.Globalization;
using System.Text.Json;

namespace Nad.Cli.Tests;

/// <summary><c>nad predict</c>'s destinations (a file, stdout, JSON lines) and the path mistakes a user makes.</summary>
public class PredictOutputTests(CliData data) : IClassFixture<CliData>
{
    private const int TestRows = 1128;

    [Fact]
    public void Without_out_the_csv_goes_to_stdout_and_the_summary_to_stderr()
    {
        var result = CliRunner.Run("predict", "--model", data.ModelPath, "--data", data.TestPath);
        Assert.Equal(0, result.ExitCode);
        var lines = result.StdOut.TrimEnd('\n').Split('\n');
        Assert.Equal("row,line,predicted,score,unknown_category", lines[0]);
        Assert.Equal(TestRows + 1, lines.Length);
        Assert.Contains($"wrote {TestRows:N0} rows to stdout", result.StdErr);

        var dash = CliRunner.Run("predict", "--model", data.ModelPath, "--data", data.TestPath, "--out", "-");
        Assert.Equal(result.StdOut, dash.StdOut);
    }

    [Fact]
    public void Json_writes_one_object_per_row_with_the_csv_s_fields()
    {
        var csv = CliRunner.Run("predict", "--model", data.ModelPath, "--data", data.TestPath).StdOut.TrimEnd('\n').Split('\n')[1..];
        var result = CliRunner.Run("predict", "--model", data.ModelPath, "--data", data.TestPath, "--json");
        Assert.Equal(0, result.ExitCode);
        var rows = result.StdOut.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(TestRows, rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            var fields = csv[i].Split(',');
            Assert.Equal(i + 1, rows[i].GetProperty("row").GetInt32());
            Assert.Equal(long.Parse(fields[1], CultureInfo.InvariantCulture), rows[i].GetProperty("line").GetInt64());
            Assert.Equal(fields[2], rows[i].GetProperty("predicted").GetString());
            Assert.Equal(double.Parse(fields[3], CultureInfo.InvariantCulture), rows[i].GetProperty("score").GetDouble(), 6);
            Assert.Equal(fields[4] == "1", rows[i].GetProperty("unknownCategory").GetBoolean());
        }

        var file = Path.Combine(data.Folder, "verdicts.jsonl");
        var toFile = CliRunner.Run("predict", "--model", data.ModelPath, "--data", data.TestPath, "--json", "--out", file);
        Assert.Equal(0, toFile.ExitCode);
        Assert.Equal("", toFile.StdOut);
        Assert.Equal(result.StdOut, File.ReadAllText(file));
    }

    [Fact]
    public void An_out_folder_that_does_not_exist_is_named_as_given_without_a_temporary_name()
    {
        var missingFolder = Path.Combine(data.Folder, "no", "such", "dir");
        var result = CliRunner.Run("predict", "--model", data.ModelPath, "--data", data.TestPath, "--out", Path.Combine(missingFolder, "x.csv"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--out {Path.Combine(missingFolder, "x.csv")}: the folder {missingFolder} does not exist", result.StdErr);
        Assert.DoesNotContain(".tmp", result.StdErr);
        Assert.DoesNotContain("read ", result.StdErr); // refused before reading the data

        var relative = CliRunner.Run("predict", "--model", data.ModelPath, "--data", data.TestPath, "--out", "no-such-folder/x.csv");
        Assert.Equal(2, relative.ExitCode);
        Assert.Contains("--out no-such-folder/x.csv: the folder no-such-folder does not exist", relative.StdErr);
    }

    [Fact]
    public void A_folder_given_for_an_input_file_is_called_a_folder()
    {
        var folder = data.Folder;
        foreach (var args in new[]
        {
            new[] { "predict", "--model", folder, "--data", data.TestPath },
            ["predict", "--model", data.ModelPath, "--pcap", folder],
            ["predict", "--model", data.ModelPath, "--zeek", folder],
        })
        {
            var result = CliRunner.Run(args);
            Assert.Equal(2, result.ExitCode);
            var option = args[Array.IndexOf(args, folder) - 1];
            Assert.Contains($"error: {option} {folder} is a folder, not a file", result.StdErr);
            Assert.DoesNotContain("does not exist", result.StdErr);
        }
        // --data reads a folder's CSV files; a folder without any is refused, named.
        var empty = Directory.CreateDirectory(Path.Combine(folder, "empty-" + Guid.NewGuid().ToString("N"))).FullName;
        foreach (var command in new[] { "predict", "evaluate" })
        {
            var result = CliRunner.Run(command, "--model", data.ModelPath, "--data", empty);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"error: --data {empty} is a folder with no .csv or .csv.gz files", result.StdErr);
        }
        var output = CliRunner.Run("predict", "--model", data.ModelPath, "--data", data.TestPath, "--out", folder);
        Assert.Equal(2, output.ExitCode);
        Assert.Contains($"--out {folder} is a folder; give a file name in it", output.StdErr);
    }

    [Fact]
    public void A_json_file_as_data_is_called_json()
    {
        var json = data.WriteText("one.json", ["{\"duration\":0,\"protocoltype\":\"tcp\",\"service\":\"private\"}"]);
        var result = CliRunner.Run("predict", "--model", data.ModelPath, "--data", json);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("one.json, line 1: looks like JSON, not CSV", result.StdErr);
        Assert.DoesNotContain("columns", result.StdErr);
    }
}
