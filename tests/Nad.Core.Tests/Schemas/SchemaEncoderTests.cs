using System.IO.Compression;
using System.Text.Json;
using Nad.Core.Detectors.Supervised;
using Nad.Core.Detectors;
using Nad.Core.Evaluation;
using Nad.Core.Features;
using Nad.Core.ModelFiles;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Training;

namespace Nad.Core.Tests.Schemas;

public class SchemaEncoderTests
{
    private readonly string _folder = TestData.TempFolder();

    // Computed with the encoder as it was before schemas (commit 48b0c99): NSL-KDD vectors must not change by one bit.
    private const string PlainBefore = "ad8f09091436c83345efa7cade2c515f0d43e9f7b3d24d101e6ff5d0234b32a7 118 8";
    private const string StandardizedBefore = "ff4810213441764b26b73eb144cb9912861d56a7ae01dc85f2e943a865ea3b10 118 8";

    [Fact]
    public void Nsl_kdd_encodings_are_bit_identical_to_before_schemas()
    {
        Assert.Equal(PlainBefore, NslKddEncodingPin.Hash(standardize: false));
        Assert.Equal(StandardizedBefore, NslKddEncodingPin.Hash(standardize: true));
    }

    [Fact]
    public void Nsl_kdd_encoder_json_has_no_schema_fields()
    {
        var json = JsonSerializer.Serialize(FeatureEncoder.Fit(TestData.EveryKth(TestData.Train, 500).Records), ModelJson.Options);
        Assert.DoesNotContain("categoricalNames", json);
        Assert.DoesNotContain("logColumns", json);
    }

    [Fact]
    public void Any_schema_gets_a_capped_vocabulary_signed_log_and_plain_indicators()
    {
        var schema = new RecordSchema("synthetic",
            [SchemaColumn.Categorical("host"), SchemaColumn.Numeric("delta") with { Missing = true }],
            new LabelSpec("Label", ["BENIGN"]));
        // 150 hosts: host0 seen 150 times ... host149 once; only the 100 most frequent get a slot.
        var records = Enumerable.Range(0, 150).SelectMany(h => Enumerable.Repeat(h, 150 - h))
            .Select(h => new ConnectionRecord(schema, [$"host{h}"], [h % 2 == 0 ? -h : h, 0])).ToArray();
        var encoder = FeatureEncoder.Fit(records);
        Assert.Equal(FeatureEncoder.MaxCategories, encoder.Vocabularies[0].Length);
        Assert.Contains("host99", encoder.Vocabularies[0]);
        Assert.DoesNotContain("host100", encoder.Vocabularies[0]);
        Assert.Equal(101 + 2, encoder.Dimension);
        Assert.Equal(["delta (log1p)", "delta (missing)"], encoder.FeatureNames.Skip(101));

        var vector = new float[encoder.Dimension];
        Assert.False(encoder.Encode(new ConnectionRecord(schema, ["host140"], [-20, 1]), vector));
        Assert.Equal(1f, vector[100]); // the unknown slot
        Assert.Equal(-(float)Math.Log(21), vector[101]);
        Assert.Equal(1f, vector[102]); // the indicator is not logged

        var back = JsonSerializer.Deserialize<FeatureEncoder>(JsonSerializer.Serialize(encoder, ModelJson.Options), ModelJson.Options)!;
        Assert.Equal(encoder.FeatureNames, back.FeatureNames);
        var again = new float[back.Dimension];
        back.Encode(new ConnectionRecord(schema, ["host140"], [-20, 1]), again);
        Assert.Equal(vector, again);
    }

    [Fact]
    public void A_record_of_another_schema_is_refused_by_name()
    {
        var encoder = FeatureEncoder.Fit(TestData.EveryKth(TestData.Train, 500).Records);
        var schema = new RecordSchema("two", [SchemaColumn.Numeric("a"), SchemaColumn.Numeric("b")], null);
        var error = Assert.Throws<ArgumentException>(() => encoder.Encode(new ConnectionRecord(schema, [], [1, 2]), new float[encoder.Dimension]));
        Assert.Contains("'two' record has 2 numeric values", error.Message);
    }

    [Fact]
    public void A_model_trained_on_unsw_nb15_keeps_its_schema_in_the_model_file_and_detects()
    {
        var data = RecordReader.ReadFile(BuiltInSchemas.UnswNb15, FlowSamples.Unsw);
        var train = data.Subset([.. Enumerable.Range(0, data.Count).Where(i => i % 2 == 0)]);
        var test = data.Subset([.. Enumerable.Range(0, data.Count).Where(i => i % 2 == 1)]);
        var detector = DetectorTraining.Train(
            new RandomForestTrainer(new TrainerSettings { Parameters = new Dictionary<string, string> { ["trees"] = "30" } }),
            train, new TrainingDataInfo("unsw sample", "", train.Count));
        var path = Path.Combine(_folder, "u.nadmodel");
        ModelFile.Save(detector, path);
        var loaded = ModelFile.Load(path);
        Assert.Same(BuiltInSchemas.UnswNb15, loaded.Schema);
        Assert.Equal(detector.Score(test.Records), loaded.Score(test.Records));
        var report = Evaluator.Evaluate(loaded.Name, "unsw odd rows", test.RequireLabels(), loaded.Score(test.Records), loaded.Threshold, 0);
        Assert.InRange(report.Metrics.RocAuc, 0.9, 1);
    }

    [Fact]
    public void A_model_file_without_schema_json_is_nsl_kdd()
    {
        var train = TestData.EveryKth(TestData.Train, 2000);
        var detector = DetectorTraining.Train(
            new RandomForestTrainer(new TrainerSettings { Parameters = new Dictionary<string, string> { ["trees"] = "5" } }),
            train, new TrainingDataInfo("slice", "", train.Count));
        var path = Path.Combine(_folder, "old.nadmodel");
        ModelFile.Save(detector, path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            Assert.NotNull(zip.GetEntry("schema.json"));
            zip.GetEntry("schema.json")!.Delete();
        }
        Assert.Same(BuiltInSchemas.NslKdd, ModelFile.Load(path).Schema);
    }
}
