using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace Nad.Cli.Tests;

/// <summary>
/// <c>nad drift</c> on real rows: normal training rows the model did not learn from show no drift;
/// the same rows with src_bytes x 50 show significant drift naming srcbytes, and --fail-on turns it into exit 1.
/// </summary>
public class DriftCommandTests(CliData data) : IClassFixture<CliData>
{
    private const int SrcBytesColumn = 4; // duration, protocoltype, service, flag, srcbytes

    /// <summary>Normal training rows outside the model's every-25th slice, with header.</summary>
    private string NormalRows(string name, Func<string[], string[]>? change = null)
    {
        var train = CliData.Lines(Nad.Core.Reading.BundledData.Train);
        var rows = train.Skip(1).Where((_, i) => i % 25 == 12).Select(l => l.Split(',')).Where(f => f[41] == "normal").Take(3000)
            .Select(f => string.Join(",", change is null ? f : change(f)));
        return data.WriteText(name, [train[0], .. rows]);
    }

    private static string[] MoreBytes(string[] fields)
    {
        var copy = (string[])fields.Clone();
        copy[SrcBytesColumn] = (double.Parse(copy[SrcBytesColumn], CultureInfo.InvariantCulture) * 50).ToString(CultureInfo.InvariantCulture);
        return copy;
    }

    [Fact]
    public void Unshifted_rows_show_no_significant_drift_and_pass_fail_on_significant()
    {
        var result = CliRunner.Run("drift", "--model", data.ModelPath, "--data", NormalRows("normal.csv"), "--fail-on", "significant");
        Assert.True(result.ExitCode == 0, result.StdErr + result.StdOut);
        Assert.Contains("PSI", result.StdOut);
        Assert.Contains("model score", result.StdOut);
        Assert.DoesNotContain("Significant drift", result.StdOut);
    }

    [Fact]
    public void Shifted_rows_show_significant_drift_in_srcbytes_and_fail_on_makes_it_exit_1()
    {
        var path = NormalRows("shifted.csv", MoreBytes);
        var plain = CliRunner.Run("drift", "--model", data.ModelPath, "--data", path);
        Assert.True(plain.ExitCode == 0, plain.StdErr);
        Assert.Contains("Significant drift", plain.StdOut);
        Assert.Contains("srcbytes", plain.StdOut);

        Assert.Equal(1, CliRunner.Run("drift", "--model", data.ModelPath, "--data", path, "--fail-on", "moderate").ExitCode);

        var json = CliRunner.Run("drift", "--model", data.ModelPath, "--data", path, "--json");
        var report = JsonDocument.Parse(json.StdOut).RootElement.GetProperty("report");
        Assert.Equal("Significant", report.GetProperty("level").GetString());
        Assert.Equal(41, report.GetProperty("features").GetArrayLength());
        Assert.Equal("srcbytes", report.GetProperty("features")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void A_model_file_without_drift_baseline_or_a_bad_fail_on_is_exit_2()
    {
        var old = Path.Combine(data.Folder, "no-drift.nadmodel");
        File.Copy(data.ModelPath, old, overwrite: true);
        using (var zip = ZipFile.Open(old, ZipArchiveMode.Update)) zip.GetEntry("drift.json")!.Delete();
        var result = CliRunner.Run("drift", "--model", old, "--data", data.TestPath);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("has no drift baseline", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);

        var bad = CliRunner.Run("drift", "--model", data.ModelPath, "--data", data.TestPath, "--fail-on", "huge");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("huge", bad.StdErr);
    }

    [Fact]
    public void A_cic_ids2017_model_learns_a_drift_baseline_over_its_own_columns_and_names_the_shifted_one()
    {
        // Improved CIC-IDS2017 BENIGN flows: a model of normal traffic on the first half, drift checked on the second half.
        var lines = CliData.Lines(Path.Combine(CliData.RepoRoot, "data", "flows", "cic-ids2017-improved", "BENIGN_2500.csv.gz"));
        var header = lines[0];
        var duration = Array.IndexOf(header.Split(','), "Flow Duration");
        var rows = lines.Skip(1).Where(l => l.Length > 0).ToArray();
        var half = rows.Length / 2;
        var trainPath = data.WriteText("cic-train.csv", [header, .. rows.Take(half)]);
        var model = Path.Combine(data.Folder, "cic-drift.nadmodel");
        var train = CliRunner.Run("train", "--schema", "cic-ids2017-improved", "--model", "isolation-forest", "--data", trainPath, "--out", model);
        Assert.True(train.ExitCode == 0, train.StdErr);

        var same = CliRunner.Run("drift", "--model", model, "--data", data.WriteText("cic-rest.csv", [header, .. rows.Skip(half)]), "--json");
        Assert.True(same.ExitCode == 0, same.StdErr);
        var report = JsonDocument.Parse(same.StdOut).RootElement.GetProperty("report");
        var columns = Nad.Core.Records.BuiltInSchemas.CicIds2017Improved.FeatureColumns;
        Assert.Equal(columns.Count, report.GetProperty("features").GetArrayLength());
        Assert.NotEqual("Significant", report.GetProperty("level").GetString());

        // Flow Duration x 50 on the same rows: that column leads the report.
        string Longer(string row)
        {
            var f = row.Split(',');
            f[duration] = (double.Parse(f[duration], CultureInfo.InvariantCulture) * 50).ToString(CultureInfo.InvariantCulture);
            return string.Join(',', f);
        }
        var shifted = CliRunner.Run("drift", "--model", model, "--data", data.WriteText("cic-shifted.csv", [header, .. rows.Skip(half).Select(Longer)]), "--json");
        var drifted = JsonDocument.Parse(shifted.StdOut).RootElement.GetProperty("report");
        Assert.Equal("Significant", drifted.GetProperty("level").GetString());
        Assert.Equal("Flow Duration", drifted.GetProperty("features")[0].GetProperty("name").GetString());
    }
}
