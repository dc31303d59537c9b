using System.IO.Compression;
using System.Text.Json;

namespace Nad.Cli.Tests;

/// <summary><c>nad explain</c> on the small real files: text, JSON and its clear errors.</summary>
public class ExplainCommandTests(CliData data) : IClassFixture<CliData>
{
    [Fact]
    public void Explains_one_row_as_a_table_and_a_counterfactual_sentence()
    {
        // Row 1 of the KDDTest+ slice is a neptune flood answered by REJ.
        var result = CliRunner.Run("explain", "--model", data.ModelPath, "--data", data.TestPath, "--row", "1", "--top", "3");
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("row 1 (line 1): attack", result.StdOut);
        Assert.Contains("contribution", result.StdOut);
        Assert.Contains("srcbytes", result.StdOut);
        Assert.Contains("would have looked normal", result.StdOut);
    }

    [Fact]
    public void Json_holds_the_ranked_contributions_and_the_counterfactual()
    {
        var result = CliRunner.Run("explain", "--model", data.ModelPath, "--data", data.TestPath, "--row", "1", "--json");
        Assert.True(result.ExitCode == 0, result.StdErr);
        var root = JsonDocument.Parse(result.StdOut).RootElement;
        Assert.Equal(1, root.GetProperty("row").GetInt32());
        var explanation = root.GetProperty("explanation");
        Assert.Equal("random-forest", explanation.GetProperty("model").GetString());
        var contributions = explanation.GetProperty("contributions").EnumerateArray().ToArray();
        Assert.Equal(5, contributions.Length);
        var sizes = contributions.Select(c => Math.Abs(c.GetProperty("contribution").GetDouble())).ToArray();
        Assert.Equal(sizes.OrderDescending(), sizes);
        Assert.False(string.IsNullOrEmpty(contributions[0].GetProperty("description").GetString()));
        Assert.True(explanation.GetProperty("counterfactual").GetProperty("found").GetBoolean());
    }

    [Fact]
    public void A_row_out_of_range_is_exit_2_naming_the_range()
    {
        var result = CliRunner.Run("explain", "--model", data.ModelPath, "--data", data.TestPath, "--row", "999999");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--row 999999 is out of range", result.StdErr);
        Assert.Contains("1 to 1,128", result.StdErr);
    }

    [Theory]
    [InlineData("0", "5", "--row 0 is out of range")]
    [InlineData("1", "0", "--top is 0; expected at least 1.")]
    public void A_row_or_top_below_one_is_exit_2_naming_the_option(string row, string top, string message)
    {
        var result = CliRunner.Run("explain", "--model", data.ModelPath, "--data", data.TestPath, "--row", row, "--top", top);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error:", result.StdErr);
        Assert.Contains(message, result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
    }

    [Fact]
    public void A_model_file_without_baseline_is_exit_2_saying_retrain()
    {
        var old = Path.Combine(data.Folder, "old-rf.nadmodel");
        File.Copy(data.ModelPath, old, overwrite: true);
        using (var zip = ZipFile.Open(old, ZipArchiveMode.Update)) zip.GetEntry("baseline.json")!.Delete();
        var result = CliRunner.Run("explain", "--model", old, "--data", data.TestPath, "--row", "1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("this model file has no baseline; retrain it with this version", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
    }
}
