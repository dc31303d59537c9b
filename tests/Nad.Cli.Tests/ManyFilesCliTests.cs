using System.Globalization;
using System.IO.Compression;

namespace Nad.Cli.Tests;

/// <summary>
/// <c>--data</c> as a folder, a glob or several values, <c>--test-files</c> and <c>--dedup</c>, on the real
/// improved CIC-IDS2017 files of data/flows/cic-ids2017-improved (one file per label, 16 files).
/// </summary>
public class ManyFilesCliTests : IClassFixture<ManyFilesCliTests.TrainedOnSomeFiles>
{
    private readonly TrainedOnSomeFiles _trained;

    public ManyFilesCliTests(TrainedOnSomeFiles trained) => _trained = trained;

    /// <summary>One training run for the class: the folder, de-duplicated, with two files held out as the test set.</summary>
    public sealed class TrainedOnSomeFiles
    {
        public TrainedOnSomeFiles()
        {
            Model = Path.Combine(Path.GetTempPath(), "nad-cli-tests", Guid.NewGuid().ToString("N"), "cic.nadmodel");
            Run = CliRunner.Run("train", "--schema", "cic-ids2017-improved", "--data", Folder, "--test-files", "Portscan*", "Heartbleed_11.csv",
                "--dedup", "--model", "random-forest", "--param", "trees=10", "--out", Model);
        }

        public string Model { get; }
        public CliRunner.Result Run { get; }
    }

    private static string Folder { get; } = Path.Combine(CliData.RepoRoot, "data", "flows", "cic-ids2017-improved");

    [Fact]
    public void Test_files_are_held_out_and_measured_and_the_rest_trained_on()
    {
        var run = _trained.Run;
        Assert.True(run.ExitCode == 0, run.StdErr);
        // --dedup runs before the split: count each side's rows after removing duplicates across all files, independently.
        var kept = Rows(Directory.GetFiles(Folder, "*.csv.gz")).DistinctBy(r => r.Key).ToArray();
        var test = kept.Count(r => r.File is "Portscan_2500.csv.gz" or "Heartbleed_11.csv.gz");
        Assert.Contains($"testing on Heartbleed_11.csv.gz, Portscan_2500.csv.gz (test files): {test:N0} rows; training on the other 14 files: {kept.Length - test:N0} rows", run.StdErr);
        Assert.Contains($"on the {test:N0} rows of the test files", run.StdOut);
        Assert.Contains("Heartbleed_11.csv.gz, Portscan_2500.csv.gz (test files)", run.StdOut);
        Assert.Contains("PortScan", run.StdOut); // the test set's families are in its report
    }

    [Fact]
    public void Evaluate_with_the_same_files_dedup_and_test_files_measures_the_same_test_rows()
    {
        Assert.True(_trained.Run.ExitCode == 0, _trained.Run.StdErr);
        var evaluate = CliRunner.Run("evaluate", "--model", _trained.Model, "--data", Folder, "--dedup", "--test-files", "Portscan*", "Heartbleed_11.csv");
        Assert.True(evaluate.ExitCode == 0, evaluate.StdErr);
        Assert.Contains("left out: the other 14 files", evaluate.StdErr);
        var marker = _trained.Run.StdOut.IndexOf("of the test files", StringComparison.Ordinal);
        var trainReport = _trained.Run.StdOut[(_trained.Run.StdOut.IndexOf('\n', marker) + 1)..];
        Assert.Contains("(test files) (", trainReport);
        Assert.Equal(trainReport, evaluate.StdOut);
    }

    [Fact]
    public void Dedup_reports_the_duplicates_it_removed()
    {
        var rows = Rows(Directory.GetFiles(Folder, "*.csv.gz")).ToArray();
        var duplicates = rows.Length - rows.Select(r => r.Key).Distinct().Count();
        Assert.True(duplicates > 0, "the improved CIC sample has exact duplicates");
        Assert.Contains($"removed {duplicates:N0} exact duplicate rows of {rows.Length:N0} (--dedup; {rows.Length - duplicates:N0} left)", _trained.Run.StdErr);
    }

    [Fact]
    public void A_folder_reads_every_csv_file_in_it_and_each_row_names_its_file()
    {
        var predict = CliRunner.Run("predict", "--model", _trained.Model, "--data", Folder);
        Assert.True(predict.ExitCode == 0, predict.StdErr);
        var lines = predict.StdOut.TrimEnd('\n').Split('\n');
        var file = lines[0].Split(',').ToList().IndexOf("file");
        Assert.True(file > 0, lines[0]);
        var perFile = lines.Skip(1).GroupBy(l => l.Split(',')[file]).ToDictionary(g => g.Key, g => g.Count());
        var expected = Rows(Directory.GetFiles(Folder, "*.csv.gz")).GroupBy(r => r.File).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(16, expected.Count);
        Assert.Equal(expected.OrderBy(p => p.Key), perFile.OrderBy(p => p.Key));
    }

    [Fact]
    public void A_glob_and_several_values_read_the_files_they_name()
    {
        var dos = Directory.GetFiles(Folder, "DoS_*.csv.gz");
        Assert.Equal(4, dos.Length);
        var glob = CliRunner.Run("predict", "--model", _trained.Model, "--data", Path.Combine(Folder, "DoS_*.csv.gz"));
        Assert.True(glob.ExitCode == 0, glob.StdErr);
        Assert.Equal(Rows(dos).Count(), glob.StdOut.TrimEnd('\n').Split('\n').Length - 1);
        Assert.Contains("from 4 files", glob.StdErr);

        var two = new[] { Path.Combine(Folder, "Botnet_736.csv.gz"), Path.Combine(Folder, "Infiltration_36.csv.gz") };
        var several = CliRunner.Run("predict", "--model", _trained.Model, "--data", two[0], two[1]);
        Assert.True(several.ExitCode == 0, several.StdErr);
        Assert.Equal(Rows(two).Count(), several.StdOut.TrimEnd('\n').Split('\n').Length - 1);
        var repeated = CliRunner.Run("predict", "--model", _trained.Model, "--data", two[0], "--data", two[1]);
        Assert.Equal(several.StdOut, repeated.StdOut);
    }

    [Fact]
    public void A_glob_matching_nothing_and_an_unknown_test_file_exit_2_naming_them()
    {
        var none = CliRunner.Run("train", "--schema", "cic-ids2017-improved", "--data", Path.Combine(Folder, "Monday*.csv.gz"), "--out", _trained.Model + ".x");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("Monday*.csv.gz", none.StdErr);
        Assert.Contains("matches no files", none.StdErr);

        var unknown = CliRunner.Run("train", "--schema", "cic-ids2017-improved", "--data", Folder, "--test-files", "Monday*", "--out", _trained.Model + ".y");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--test-files: 'Monday*' is not one of the files read", unknown.StdErr);

        var oneFile = CliRunner.Run("train", "--schema", "cic-ids2017-improved", "--data", Path.Combine(Folder, "DDoS_2500.csv.gz"), "--test-files", "DDoS_2500", "--out", _trained.Model + ".z");
        Assert.Equal(2, oneFile.ExitCode);
        Assert.Contains("--test-files needs several --data files", oneFile.StdErr);
    }

    // The columns of the improved layout that are not features (docs/schemas.md): they do not make rows different.
    private static readonly HashSet<string> NotFeatures = ["id", "Attempted Category", "Flow ID", "Src IP", "Src Port", "Dst IP", "Timestamp"];

    /// <summary>Each data row of the files, with a key of its feature values (as numbers) and its label: equal keys, duplicate rows.</summary>
    private static IEnumerable<(string File, string Key)> Rows(IEnumerable<string> paths)
    {
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
            var header = reader.ReadLine()!.Split(',');
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0) continue;
                var cells = line.Split(',');
                var key = string.Join('|', cells.Where((_, c) => !NotFeatures.Contains(header[c].Trim()))
                    .Select(cell => double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : cell));
                yield return (Path.GetFileName(path), key);
            }
        }
    }
}
