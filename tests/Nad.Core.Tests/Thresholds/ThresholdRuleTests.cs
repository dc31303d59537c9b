using System.Text.Json;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Detectors.Unsupervised;
using Nad.Core.ModelFiles;
using Nad.Core.Records;
using Nad.Core.Thresholds;
using Nad.Core.Training;

namespace Nad.Core.Tests.Thresholds;

public class ThresholdRuleTests
{
    private static readonly Lazy<ConnectionDataset> Train = new(() => TestData.EveryKth(TestData.Train, 4000, offset: 7));
    private static readonly TrainingDataInfo Info = new("slice", "", 4000);

    [Fact]
    public void Each_trainer_declares_its_default_rule_from_its_parameters()
    {
        IThresholdRule Rule(string model, params (string Name, string Value)[] parameters) =>
            DetectorCatalog.Get(model).CreateTrainer(new TrainerSettings { Parameters = parameters.ToDictionary(p => p.Name, p => p.Value) }).DefaultThreshold;

        Assert.Equal(0.5, Assert.IsType<FixedCutRule>(Rule("isolation-forest")).Cut);
        Assert.Equal(0.05, Assert.IsType<ContaminationRule>(Rule("isolation-forest", ("contamination", "0.05"))).Fraction);
        foreach (var model in new[] { "pca", "knn", "randomized-pca" })
            Assert.Equal(0.05, Assert.IsType<ContaminationRule>(Rule(model)).Fraction);
        Assert.Equal(0.2, Assert.IsType<ContaminationRule>(Rule("knn", ("contamination", "0.2"))).Fraction);
        Assert.Equal(1, Assert.IsType<FixedCutRule>(Rule("dbscan")).Cut);
        Assert.Equal(1, Assert.IsType<FixedCutRule>(Rule("hybrid")).Cut);
        foreach (var model in new[] { "random-forest", "lightgbm", "logistic-regression", "neural-network", "bagging", "voting" })
            Assert.IsType<HeldOutMaxF1Rule>(Rule(model));
    }

    [Fact]
    public void A_contamination_threshold_is_the_refit_models_own_and_its_metrics_are_measured_on_held_out_rows()
    {
        var trainer = new PcaTrainer(new TrainerSettings { Parameters = new Dictionary<string, string> { ["contamination"] = "0.1" } });
        var detector = DetectorTraining.Train(trainer, Train.Value, Info);

        var refit = trainer.Fit(Train.Value);
        Assert.Equal(Percentile.Linear(refit.TrainingScores!, 0.9), detector.Threshold);
        Assert.Equal(ThresholdRuleKind.Contamination, detector.Manifest.ThresholdSelection!.Rule);
        Assert.Equal(Train.Value.Count, detector.Manifest.ThresholdSelection.ValidationRows);
        Assert.Equal(800, detector.Manifest.ValidationMetrics!.Confusion.Total);
        Assert.Contains("flags 10.00 % of 4000 training rows", detector.Manifest.ThresholdRule);
    }

    [Fact]
    public void An_explicit_held_out_rule_is_the_models_default_and_a_budget_beside_it_sets_the_cut()
    {
        var trainer = new IsolationForestTrainer(new TrainerSettings { Seed = 4 });
        var own = DetectorTraining.Train(trainer, Train.Value, Info);
        var heldOut = DetectorTraining.Train(trainer, Train.Value, Info, new TrainingOptions { Threshold = ThresholdRuleKind.HeldOut });
        var budget = DetectorTraining.Train(trainer, Train.Value, Info, new TrainingOptions { Threshold = ThresholdRuleKind.HeldOut, TargetFalsePositiveRate = 0.02 });

        Assert.Equal((0.5, ThresholdRuleKind.Fixed), (own.Threshold, own.Manifest.ThresholdSelection!.Rule));
        Assert.Equal((0.5, ThresholdRuleKind.Fixed), (heldOut.Threshold, heldOut.Manifest.ThresholdSelection!.Rule));
        Assert.Equal(ThresholdRuleKind.FalsePositiveBudget, budget.Manifest.ThresholdSelection!.Rule);
        Assert.InRange(budget.Manifest.ValidationMetrics!.FalsePositiveRate, 0, 0.02);
    }

    [Fact]
    public void A_manifest_written_before_the_typed_selection_reads_with_its_words()
    {
        const string Old = """
            {"format":"nad-model","formatVersion":1,"model":"isolation-forest","supervised":false,"createdUtc":"2026-11-30T10:00:00+00:00",
             "trainingData":{"name":"x","sha256":"","rows":10},"parameters":{},"threshold":0.5,"thresholdRule":"proposed by the model",
             "thresholdSelection":{"rule":"model","criterion":"the model's own threshold","validationRows":200,"normalRows":100},"payloadSha256":""}
            """;
        var manifest = JsonSerializer.Deserialize<ModelManifest>(Old, ModelFile.Json)!;

        Assert.Equal("proposed by the model", manifest.ThresholdRule);
        Assert.Equal(ThresholdRuleKind.Fixed, manifest.ThresholdSelection!.Rule);
        Assert.True(double.IsNaN(manifest.ThresholdSelection.Threshold));
        Assert.Null(manifest.ThresholdSelection.Scores);
    }

    [Fact]
    public void A_new_manifest_derives_its_words_from_the_selection_and_keeps_them_in_the_file()
    {
        var detector = DetectorTraining.Train(DetectorCatalog.Get("decision-tree").CreateTrainer(TrainerSettings.Default), Train.Value, Info);
        var json = JsonSerializer.Serialize(detector.Manifest, ModelFile.Json);
        var read = JsonSerializer.Deserialize<ModelManifest>(json, ModelFile.Json)!;

        Assert.Equal(detector.Manifest.ThresholdSelection!.Describe(), detector.Manifest.ThresholdRule);
        Assert.Contains("\"thresholdRule\": \"maximizes F1 on 800 held-out training rows", json);
        Assert.Contains("\"rule\": \"held-out\"", json);
        Assert.Equal(detector.Threshold, read.ThresholdSelection!.Threshold);
        Assert.Equal(detector.Manifest.ThresholdRule, read.ThresholdRule);
    }

    [Fact]
    public void A_low_alert_rate_warning_offers_only_the_remedies_the_model_and_the_rows_allow()
    {
        // On this stratified sample DBSCAN's natural cut flags under 1% of the held-out rows; it has no contamination parameter to offer.
        var labels = TestData.Train.RequireLabels();
        var sample = TestData.Train.Subset(StratifiedSplit.TrainHoldout(labels, 5000.0 / labels.Count, 42).Holdout);
        var dbscan = DetectorTraining.Train(DetectorCatalog.Get("dbscan").CreateTrainer(TrainerSettings.Default), sample, Info);
        var warning = Assert.Single(dbscan.Manifest.Warnings);
        Assert.Contains("false-positive budget", warning);
        Assert.DoesNotContain("contamination", warning);
    }
}
