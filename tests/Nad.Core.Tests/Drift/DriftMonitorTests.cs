using System.IO.Compression;
using Nad.Core.Drift;
using Nad.Core.ModelFiles;
using Nad.Core.Records;
using Xunit.Abstractions;

namespace Nad.Core.Tests.Drift;

/// <summary>
/// The drift baseline of the small shared random forest (trained on a slice of KDDTrain+) against
/// real rows: other normal training rows stay quiet; the same rows with src_bytes x 50 and a
/// different service mix, and KDDTest+'s DoS rows, raise the warning. KDDTest+'s own normal rows
/// have a different service mix (private 1.5% of KDDTrain+ normal rows, 8.8% of KDDTest+'s): that
/// is real drift, and it is the one thing flagged.
/// </summary>
public class DriftMonitorTests(SmallForest forest, ITestOutputHelper output) : IClassFixture<SmallForest>
{
    private DriftBaseline Baseline => forest.Detector.Drift!;

    private DriftReport Check(IReadOnlyList<ConnectionRecord> records, string what)
    {
        var report = DriftMonitor.Compare(Baseline, records, forest.Detector.Score(records));
        output.WriteLine($"{what}: {records.Count} records, level {report.Level}, score PSI {report.Score.Psi:0.000}");
        foreach (var f in report.Features.Take(6)) output.WriteLine($"  {f.Name}: {f.Psi:0.000} {f.Level}");
        output.WriteLine(report.Warning ?? "(no warning)");
        return report;
    }

    /// <summary>Normal KDDTrain+ rows the forest's slice did not hold (the slice takes every 20th row; these are offset).</summary>
    private static ConnectionRecord[] UnseenTrainingNormals(int count)
    {
        var train = TestData.Train;
        var labels = train.RequireLabels();
        return [.. Enumerable.Range(0, train.Count).Where(i => i % 20 == 10 && !labels[i].IsAttack).Take(count).Select(i => train.Records[i])];
    }

    private static ConnectionRecord[] TestRows(Func<AttackLabel, bool> match)
    {
        var test = TestData.TestPlus;
        var labels = test.RequireLabels();
        return [.. Enumerable.Range(0, test.Count).Where(i => match(labels[i])).Select(i => test.Records[i])];
    }

    /// <summary>The same connections, but sending 50 times the bytes and a third of them moved from http to ftp_data.</summary>
    private static ConnectionRecord[] Shifted(ConnectionRecord[] records) => [.. records.Select((r, i) =>
    {
        var numeric = (double[])r.Numeric.Clone();
        numeric[NslKddSchema.Get("srcbytes").ValueIndex] *= 50;
        var service = r.Service == "http" && i % 3 == 0 ? "ftp_data" : r.Service;
        return new ConnectionRecord(r.ProtocolType, service, r.Flag, numeric);
    })];

    [Fact]
    public void Training_time_baseline_covers_every_feature_and_the_scores()
    {
        Assert.Equal(NslKddSchema.Columns.Select(c => c.Name), Baseline.Features.Select(f => f.Name));
        Assert.Equal("normal training rows", Baseline.Source);
        Assert.Equal("held-out normal training rows", Baseline.ScoreSource);
        Assert.All(Baseline.Features.Append(Baseline.Score), f => Assert.Equal(1, f.Proportions.Sum(), 9));
    }

    [Fact]
    public void Unshifted_normal_rows_raise_no_warning()
    {
        var report = Check(UnseenTrainingNormals(5000), "unseen KDDTrain+ normal rows");
        Assert.True(report.HasEnoughRecords);
        Assert.Equal(DriftLevel.None, report.Level);
        Assert.Null(report.Warning);
    }

    [Fact]
    public void KddTest_normal_rows_are_flagged_for_their_service_mix_only()
    {
        var report = Check(TestRows(l => !l.IsAttack), "KDDTest+ normal rows");
        Assert.Equal(["service"], report.FeaturesAtLeast(DriftLevel.Significant).Select(f => f.Name));
        Assert.NotEqual(DriftLevel.Significant, report.Score.Level);
        Assert.Contains("feature service (PSI", report.Warning);
    }

    [Fact]
    public void Shifted_rows_raise_a_warning_naming_the_shifted_features()
    {
        var report = Check(Shifted(UnseenTrainingNormals(5000)), "shifted rows");
        Assert.Equal(DriftLevel.Significant, report.Level);
        Assert.Equal("srcbytes", report.Features[0].Name);
        Assert.Contains("srcbytes", report.Warning);
        Assert.Contains("service", report.Warning);
        Assert.DoesNotContain("dstbytes", report.Warning);
    }

    [Fact]
    public void Denial_of_service_traffic_raises_a_warning_on_its_features_and_scores()
    {
        var report = Check(TestRows(l => l.Family == AttackFamily.DoS), "KDDTest+ DoS rows");
        Assert.Equal(DriftLevel.Significant, report.Level);
        Assert.Equal(DriftLevel.Significant, report.Score.Level);
        Assert.Contains("score distribution", report.Warning);
    }

    [Fact]
    public void The_window_forgets_records_older_than_its_capacity()
    {
        var normal = UnseenTrainingNormals(2000);
        var monitor = new DriftMonitor(Baseline, capacity: 1000);
        var shifted = Shifted(normal[..1000]);
        monitor.Observe(shifted, forest.Detector.Score(shifted));
        Assert.Equal(DriftLevel.Significant, monitor.Report().Level);

        var recent = normal[1000..];
        monitor.Observe(recent, forest.Detector.Score(recent));
        var report = monitor.Report();
        var direct = DriftMonitor.Compare(Baseline, recent, forest.Detector.Score(recent));
        Assert.Equal(1000, report.Records);
        Assert.Equal(direct.Features.Select(f => (f.Name, Math.Round(f.Psi, 9))), report.Features.Select(f => (f.Name, Math.Round(f.Psi, 9))));
        Assert.Null(report.Warning);
    }

    [Fact]
    public void Below_the_minimum_sample_there_is_no_level_and_no_warning()
    {
        var shifted = Shifted(UnseenTrainingNormals(999));
        var report = DriftMonitor.Compare(Baseline, shifted, forest.Detector.Score(shifted));
        Assert.False(report.HasEnoughRecords);
        Assert.True(report.Features[0].Psi > DriftLevels.Significant);
        Assert.Equal(DriftLevel.None, report.Level);
        Assert.Null(report.Warning);
    }

    [Fact]
    public void Concurrent_observers_keep_the_counts_whole()
    {
        var rows = UnseenTrainingNormals(4000);
        var scores = forest.Detector.Score(rows);
        var monitor = new DriftMonitor(Baseline, capacity: 10_000);
        Parallel.For(0, 8, _ => { for (var i = 0; i + 250 <= rows.Length; i += 250) monitor.Observe(rows[i..(i + 250)], scores[i..(i + 250)]); });
        Assert.Equal(10_000, monitor.Report().Records);
        Assert.Equal(DriftLevel.None, monitor.Report().Level);
    }

    [Fact]
    public void The_baseline_is_saved_in_the_model_file_and_older_files_load_without_it()
    {
        var folder = TestData.TempFolder();
        var path = Path.Combine(folder, "forest.nadmodel");
        ModelFile.Save(forest.Detector, path);
        var loaded = ModelFile.Load(path).Drift!;
        Assert.Equal(Baseline.Features.Select(f => f.Proportions), loaded.Features.Select(f => f.Proportions));
        Assert.Equal(Baseline.Score.Edges, loaded.Score.Edges);

        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update)) zip.GetEntry("drift.json")!.Delete();
        Assert.Null(ModelFile.Load(path).Drift);
    }

    [Fact]
    public void A_damaged_drift_entry_is_refused_naming_it()
    {
        var path = Path.Combine(TestData.TempFolder(), "forest.nadmodel");
        ModelFile.Save(forest.Detector, path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("drift.json")!;
            string json;
            using (var r = new StreamReader(entry.Open())) json = r.ReadToEnd();
            entry.Delete();
            using var w = new StreamWriter(zip.CreateEntry("drift.json").Open());
            w.Write(json.Replace("\"name\": \"srcbytes\"", "\"name\": \"bytes\""));
        }
        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));
        Assert.Contains("drift.json is not valid", error.Message);
        Assert.Contains("srcbytes", error.Message);
    }
}
