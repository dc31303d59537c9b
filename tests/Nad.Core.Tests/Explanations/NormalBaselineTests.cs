using System.IO.Compression;
using Nad.Core.Detectors;
using Nad.Core.Explanations;
using Nad.Core.ModelFiles;
using Nad.Core.Records;
using Nad.Core.Training;

namespace Nad.Core.Tests.Explanations;

public class NormalBaselineTests(SmallForest forest) : IClassFixture<SmallForest>
{
    private readonly string _folder = TestData.TempFolder();

    [Fact]
    public void It_is_the_median_and_most_frequent_value_of_the_normal_rows()
    {
        var data = TestData.EveryKth(TestData.Train, 2001);
        var baseline = NormalBaseline.Learn(data);
        var normal = data.NormalOnly().Records;
        Assert.Equal("normal training rows", baseline.Source);
        Assert.Equal(normal.Count, baseline.Rows);
        // Odd and even counts: the median of an even count is the mean of the middle two (numpy's rule).
        foreach (var name in new[] { "srcbytes", "count", "dsthostcount", "samesrvrate" })
        {
            var sorted = normal.Select(r => r[name]).Order().ToArray();
            var expected = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
            Assert.Equal(expected, baseline.Numeric[name]);
        }
        Assert.Equal("tcp", baseline.Categorical["protocoltype"]);
        Assert.Equal("http", baseline.Categorical["service"]);
        Assert.Equal("SF", baseline.Categorical["flag"]);
        Assert.Equal(0, baseline.Numeric["serrorrate"]);
    }

    [Fact]
    public void Without_labels_it_is_learned_from_all_rows()
    {
        var data = TestData.EveryKth(TestData.Train, 1000);
        var unlabelled = new ConnectionDataset("no labels", data.Records);
        var baseline = NormalBaseline.Learn(unlabelled);
        Assert.Equal(1000, baseline.Rows);
        Assert.Contains("no labels", baseline.Source);
    }

    [Fact]
    public void It_round_trips_through_the_model_file()
    {
        var path = Path.Combine(_folder, "rf.nadmodel");
        ModelFile.Save(forest.Detector, path);
        using (var zip = ZipFile.OpenRead(path)) Assert.NotNull(zip.GetEntry("baseline.json"));
        var loaded = ModelFile.Load(path);
        Assert.NotNull(loaded.Baseline);
        Assert.Equal(forest.Detector.Baseline!.NumericValues, loaded.Baseline!.NumericValues);
        Assert.Equal(forest.Detector.Baseline.CategoricalValues, loaded.Baseline.CategoricalValues);
        Assert.Equal(forest.Detector.Baseline.Rows, loaded.Baseline.Rows);
    }

    [Fact]
    public void An_old_model_file_without_baseline_loads_and_explains_with_the_clear_message()
    {
        var path = Path.Combine(_folder, "old.nadmodel");
        ModelFile.Save(forest.Detector, path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update)) zip.GetEntry("baseline.json")!.Delete();
        var loaded = ModelFile.Load(path);
        Assert.Null(loaded.Baseline);
        var record = TestData.TestPlus.Records[0];
        var explanation = AlertExplainer.For(loaded).Explain(record);
        Assert.Equal("this model file has no baseline; retrain it with this version", explanation.Unavailable);
        Assert.Equal(loaded.Score(record), explanation.Score);
    }

    [Fact]
    public void A_baseline_missing_a_column_is_refused_naming_it()
    {
        var path = Path.Combine(_folder, "bad.nadmodel");
        ModelFile.Save(forest.Detector, path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry("baseline.json")!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("baseline.json").Open());
            writer.Write("""{"source":"x","rows":1,"numeric":{"duration":0},"categorical":{}}""");
        }
        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));
        Assert.Contains("baseline.json", error.Message);
        Assert.Contains("'srcbytes'", error.Message);
    }

    [Fact]
    public void Apply_sets_only_the_named_columns()
    {
        var baseline = forest.Detector.Baseline!;
        var record = TestData.TestPlus.Records.First(r => r.Flag == "S0");
        var copy = baseline.Apply(record, [NslKddSchema.Get("flag"), NslKddSchema.Get("count")]);
        Assert.Equal("SF", copy.Flag);
        Assert.Equal(baseline.Numeric["count"], copy["count"]);
        Assert.Equal(record.Service, copy.Service);
        Assert.Equal(record["srcbytes"], copy["srcbytes"]);
        Assert.Equal("S0", record.Flag); // the original is untouched
    }
}
