using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Evaluation;
using Nad.Core.ModelFiles;
using Nad.Core.Training;

namespace Nad.Core.Tests.Detectors;

/// <summary>Every model in the catalog trains on a real slice, beats a sanity bar on held-out rows, and survives a save/load round trip.</summary>
[Collection(TrainingSliceCollection.Name)]
public sealed class ModelZooTests(TrainingSlice slice)
{
    /// <summary>Small settings so the whole theory runs in seconds.</summary>
    public static TheoryData<string, string> Models => new()
    {
        { "random-forest", "trees=20" },
        { "logistic-regression", "" },
        { "decision-tree", "" },
        { "gradient-boosting", "trees=20" },
        { "lightgbm", "iterations=20" },
        { "svm", "" },
        { "neural-network", "epochs=15" },
        { "bagging", "estimators=3" },
        { "voting", "members=decision-tree,logistic-regression" },
        { "hybrid", "fpr=0.05" },
        { "hybrid", "supervised-threshold=novel" },
        { "hybrid", "combine=stacked" },
    };

    [Fact]
    public void Every_catalog_model_is_covered_here()
    {
        var tested = Models.Select(row => (string)row[0]).ToHashSet();
        var untested = DetectorCatalog.Entries.Where(e => e.IsSupervised && !tested.Contains(e.Name)).Select(e => e.Name).ToArray();
        Assert.True(untested.Length == 0, $"not covered: {string.Join(", ", untested)}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Model_beats_the_sanity_bar_on_held_out_rows_and_is_no_majority_class_predictor(string model, string parameters)
    {
        var detector = Train(model, parameters);
        var scores = detector.Score(slice.Test.Records);
        var metrics = BinaryMetrics.Compute(slice.TestTruth, scores, detector.Threshold);

        Assert.True(metrics.Accuracy > 0.95, $"{model}: accuracy {metrics.Accuracy:P2} on held-out rows (majority share {slice.MajorityShare:P2})");
        Assert.True(metrics.RocAuc > 0.97, $"{model}: ROC-AUC {metrics.RocAuc:0.000}");
        // A majority-class predictor has recall 1 and FPR 1 (or recall 0): demand both classes be found.
        Assert.True(metrics.Recall > 0.9 && metrics.FalsePositiveRate < 0.1, $"{model}: recall {metrics.Recall:P2}, FPR {metrics.FalsePositiveRate:P2}");
        Assert.True(scores.Distinct().Count() > 2, $"{model}: scores take only {scores.Distinct().Count()} values");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Model_file_round_trip_gives_the_same_scores(string model, string parameters)
    {
        var detector = Train(model, parameters);
        using var file = new MemoryStream();
        ModelFile.Write(detector, file);
        file.Position = 0;
        var loaded = ModelFile.Read(file, $"{model}.nad");

        Assert.Equal(model, loaded.Name);
        Assert.Equal(detector.Threshold, loaded.Threshold);
        var records = slice.Test.Records.Take(300).ToArray();
        var before = detector.Score(records);
        var after = loaded.Score(records);
        for (var i = 0; i < before.Length; i++) Assert.Equal(before[i], after[i], 5);
        // One record at a time takes a different path (a pooled prediction engine) in ML.NET models.
        Assert.Equal(before[0], loaded.Score([records[0]])[0], 5);
    }

    [Theory]
    [InlineData("bagging", "estimators=3")]
    [InlineData("voting", "members=decision-tree,neural-network")]
    public void Ensembles_are_deterministic_for_a_fixed_seed(string model, string parameters)
    {
        var first = Fit(model, parameters, seed: 5).Score(slice.Test.Records);
        var second = Fit(model, parameters, seed: 5).Score(slice.Test.Records);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Bagging_members_differ_because_their_bootstrap_samples_do()
    {
        var ensemble = Assert.IsType<Core.Ensembles.EnsembleModel>(Fit("bagging", "estimators=2", seed: 5));
        var a = ensemble.Members[0].Scorer.Score(slice.Test.Records);
        var b = ensemble.Members[1].Scorer.Score(slice.Test.Records);
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData("random-forest", "trees=0", "'trees'")]
    [InlineData("svm", "kernel=rbf", "'kernel'")]
    [InlineData("bagging", "base=voting", "'voting'")]
    [InlineData("voting", "members=random-forest,no-such-model", "'no-such-model'")]
    [InlineData("neural-network", "hidden=64,x", "'hidden'")]
    [InlineData("logistic-regression", "class-weight=heavy", "'class-weight'")]
    public void Bad_parameters_are_refused_with_a_message_naming_them(string model, string parameters, string named)
    {
        // Unknown model names (voting members) are the catalog's refusal; everything else is a typed parameter refusal.
        var e = Assert.ThrowsAny<ArgumentException>(() => DetectorCatalog.Get(model).CreateTrainer(Settings(parameters, 1)));
        if (model != "voting") Assert.IsType<InvalidParameterException>(e);
        Assert.Contains(named, e.Message);
    }

    [Theory]
    [InlineData("decision-tree")]
    [InlineData("svm")]
    [InlineData("bagging")]
    public void Models_without_a_family_mode_refuse_the_family_target(string model)
    {
        var e = Assert.Throws<TrainingSettingException>(() => DetectorCatalog.Get(model).CreateTrainer(new TrainerSettings { Target = PredictionTarget.Family }));
        // The refusal names the models that do learn families, from the catalog's declarations.
        Assert.Equal(["logistic-regression", "lightgbm", "neural-network"], e.Alternatives);
        Assert.Contains("for the family target use logistic-regression, lightgbm or neural-network", e.Message);
        Assert.Equal([TrainingSetting.Target], e.Settings);
    }

    private Detector Train(string model, string parameters) =>
        DetectorTraining.Train(DetectorCatalog.Get(model).CreateTrainer(Settings(parameters, 42)), slice.Train, new TrainingDataInfo("slice", "", slice.Train.Count),
            new TrainingOptions { Refit = false });

    private IScoringModel Fit(string model, string parameters, int seed) =>
        DetectorCatalog.Get(model).CreateTrainer(Settings(parameters, seed)).Fit(slice.Train).Model;

    internal static TrainerSettings Settings(string parameters, int seed) => new()
    {
        Seed = seed,
        Threads = 2,
        Parameters = parameters.Length == 0
            ? new Dictionary<string, string>()
            : parameters.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]),
    };
}
