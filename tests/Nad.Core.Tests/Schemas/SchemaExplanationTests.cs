using Nad.Core.Catalog;
using Nad.Core.Explanations;
using Nad.Core.ModelFiles;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Tests.Detectors;
using Nad.Core.Training;

namespace Nad.Core.Tests.Schemas;

/// <summary>Explanations of a model trained on another schema: the improved CIC-IDS2017 day files, its own column names.</summary>
public sealed class SchemaExplanationTests
{
    [Fact]
    public void A_cic_model_explains_a_ddos_row_in_cic_column_names_and_keeps_its_baseline_in_the_file()
    {
        var schema = BuiltInSchemas.CicIds2017Improved;
        var data = RecordReader.ReadFiles(schema, [FlowSamples.CicImproved("BENIGN_2500.csv"), FlowSamples.CicImproved("DDoS_2500.csv")], null, out _);
        var detector = DetectorTraining.Train(DetectorCatalog.Get("random-forest").CreateTrainer(ModelZooTests.Settings("trees=20", 42)), data,
            new TrainingDataInfo("cic", "", data.Count), new TrainingOptions { Refit = false });

        // The baseline covers exactly the schema's values: every numeric column and indicator, every categorical column.
        var baseline = Assert.IsType<NormalBaseline>(detector.Baseline);
        Assert.Equal(schema.NumericFeatureNames.Order(), baseline.Numeric.Keys.Order());
        Assert.Equal(schema.CategoricalColumns.Select(c => c.Name).Order(), baseline.Categorical.Keys.Order());
        var normalRows = data.NormalOnly().Records;
        var duration = schema.FeatureColumns.Single(c => c.Name == "Flow Duration");
        var sorted = normalRows.Select(r => r.Numeric[duration.ValueIndex]).Order().ToArray();
        Assert.Equal(sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2,
            baseline.Numeric["Flow Duration"]);

        var labels = data.RequireLabels();
        var scores = detector.Score(data.Records);
        var row = Enumerable.Range(0, data.Count).First(i => labels[i].IsAttack && scores[i] >= detector.Threshold);
        var explanation = AlertExplainer.For(detector).Explain(data.Records[row]);
        Assert.True(explanation.IsAttack);
        Assert.Null(explanation.Unavailable);
        Assert.NotEmpty(explanation.Contributions);
        var columnNames = schema.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var valueNames = schema.FeatureColumns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(explanation.Contributions, c => Assert.Contains(c.Feature, columnNames));
        Assert.All(explanation.Contributions.SelectMany(c => c.Columns), c => Assert.Contains(c.Column, valueNames));
        Assert.NotEqual(0, explanation.Contributions[0].Contribution);
        Assert.NotNull(explanation.Counterfactual);
        Assert.All(explanation.Counterfactual!.Features, f => Assert.Contains(f, columnNames));

        // A column with a missing indicator is one feature with both values.
        var withIndicator = schema.Columns.First(c => c.HasIndicator);
        var feature = baseline.Features.Single(f => f.Name == withIndicator.Name);
        Assert.Equal([withIndicator.Name, withIndicator.IndicatorName], feature.Columns.Select(c => c.Name));

        using var file = new MemoryStream();
        ModelFile.Write(detector, file);
        file.Position = 0;
        var loaded = ModelFile.Read(file, "cic.nad");
        Assert.Equal(schema.Name, loaded.Baseline!.Schema.Name);
        var again = AlertExplainer.For(loaded).Explain(data.Records[row]);
        Assert.Equal(explanation.Contributions.Select(c => (c.Feature, c.Value, c.Baseline)), again.Contributions.Select(c => (c.Feature, c.Value, c.Baseline)));
    }
}
