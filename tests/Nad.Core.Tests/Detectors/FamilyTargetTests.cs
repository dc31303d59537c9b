using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Evaluation;
using Nad.Core.ModelFiles;
using Nad.Core.Records;
using Nad.Core.Training;

namespace Nad.Core.Tests.Detectors;

/// <summary>The five-class family target: probabilities, the attack score derived from them, the report, and the model file.</summary>
[Collection(TrainingSliceCollection.Name)]
public sealed class FamilyTargetTests(TrainingSlice slice)
{
    [Theory]
    [InlineData("logistic-regression", "")]
    [InlineData("lightgbm", "iterations=15")]
    [InlineData("neural-network", "epochs=15")]
    public void Family_model_sorts_held_out_rows_into_families_and_round_trips(string model, string parameters)
    {
        var settings = ModelZooTests.Settings(parameters, 42) with { Target = PredictionTarget.Family };
        var detector = DetectorTraining.Train(DetectorCatalog.Get(model).CreateTrainer(settings), slice.Train,
            new TrainingDataInfo("slice", "", slice.Train.Count), new TrainingOptions { Refit = false });

        Assert.Equal("family", detector.Manifest.Target);
        var families = Assert.IsAssignableFrom<IFamilyClassifier>(detector.FamilyClassifier);
        Assert.Equal(FamilyClasses.NslKdd.Names, families.Classes.Names);
        Assert.Equal(FamilyClasses.NslKdd.Names, detector.Manifest.Families);
        var probabilities = families.FamilyProbabilities(slice.Test.Records);
        var scores = detector.Score(slice.Test.Records);
        for (var i = 0; i < probabilities.Length; i++)
        {
            Assert.Equal(5, probabilities[i].Length);
            Assert.Equal(1, probabilities[i].Sum(), 4);
            Assert.Equal(1 - probabilities[i][0], scores[i], 4);
        }

        var report = FamilyReport.Compute(families.Classes, slice.Test.RequireLabels(), probabilities);
        Assert.True(report.Accuracy > 0.93, $"{model}: family accuracy {report.Accuracy:P2}");
        foreach (var family in new[] { "Normal", "DoS", "Probe" })
        {
            var m = report.PerFamily.Single(f => f.Family == family);
            Assert.True(m.Recall > 0.8 && m.Precision > 0.8, $"{model}: {family} precision {m.Precision:P1}, recall {m.Recall:P1}");
        }
        Assert.Equal(slice.Test.Count, report.Confusion.Sum(row => row.Sum()));

        using var file = new MemoryStream();
        ModelFile.Write(detector, file);
        file.Position = 0;
        var loaded = ModelFile.Read(file, "family.nad");
        Assert.Equal("family", loaded.Manifest.Target);
        Assert.Equal(FamilyClasses.NslKdd.Names, loaded.FamilyClassifier!.Classes.Names);
        var reloaded = loaded.FamilyClassifier!.FamilyProbabilities(slice.Test.Records.Take(50).ToArray());
        for (var i = 0; i < reloaded.Length; i++)
            for (var c = 0; c < 5; c++) Assert.Equal(probabilities[i][c], reloaded[i][c], 5);
    }

    // Each model that learns both targets, trained for normal/attack: a binary neural network once
    // claimed to be a family classifier and `nad evaluate` crashed asking it for families (issue 16).
    [Theory]
    [InlineData("logistic-regression", "")]
    [InlineData("lightgbm", "iterations=15")]
    [InlineData("neural-network", "epochs=15")]
    public void Binary_models_are_not_family_classifiers_even_after_a_round_trip(string model, string parameters)
    {
        var detector = DetectorTraining.Train(DetectorCatalog.Get(model).CreateTrainer(ModelZooTests.Settings(parameters, 1)), slice.Train,
            new TrainingDataInfo("slice", "", slice.Train.Count), new TrainingOptions { Refit = false });
        Assert.Null(detector.FamilyClassifier);
        Assert.Equal("attack", detector.Manifest.Target);

        using var file = new MemoryStream();
        ModelFile.Write(detector, file);
        file.Position = 0;
        Assert.Null(ModelFile.Read(file, "binary.nad").FamilyClassifier);
    }

    [Fact]
    public void Balanced_weights_give_every_class_the_same_total_and_sqrt_lies_between()
    {
        int[] classes = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2];
        var balanced = ClassWeighting.RowWeights(classes, 3, "balanced");
        var totals = Enumerable.Range(0, 3).Select(c => classes.Select((k, i) => k == c ? balanced[i] : 0).Sum()).ToArray();
        Assert.All(totals, t => Assert.Equal(classes.Length / 3.0, t, 4));
        var sqrt = ClassWeighting.RowWeights(classes, 3, "sqrt");
        Assert.Equal(Math.Sqrt(11.0 / 3), sqrt[10], 4);
        Assert.All(ClassWeighting.RowWeights(classes, 3, "none"), w => Assert.Equal(1f, w));
    }

    [Fact]
    public void Family_report_counts_the_confusion_matrix_and_leaves_out_unknown_families()
    {
        AttackLabel[] labels =
        [
            AttackLabel.Normal, AttackLabel.Normal, AttackLabel.Parse("neptune"), AttackLabel.Parse("satan"),
            AttackLabel.Parse("guess_passwd"), AttackLabel.Parse("rootkit"), new AttackLabel("brand_new", AttackFamily.Unknown),
        ];
        double[][] p =
        [
            [0.9, 0.1, 0, 0, 0], [0.2, 0.7, 0.1, 0, 0], [0, 1, 0, 0, 0], [0, 0, 1, 0, 0],
            [0.6, 0, 0, 0.4, 0], [0, 0, 0, 0.3, 0.7], [1, 0, 0, 0, 0],
        ];
        var report = FamilyReport.Compute(FamilyClasses.NslKdd, labels, p);
        Assert.Equal(1, report.RowsWithUnknownFamily);
        Assert.Equal(1, report.Confusion[0][0]);
        Assert.Equal(1, report.Confusion[0][1]);
        Assert.Equal(1, report.Confusion[3][0]);
        Assert.Equal(4.0 / 6, report.Accuracy, 6);
        var normal = report.PerFamily[0];
        Assert.Equal(0.5, normal.Precision, 6); // predicted normal: the normal row and the R2L row
        Assert.Equal(0.5, normal.Recall, 6);
        Assert.Equal(0, report.PerFamily[3].Recall);
    }
}
