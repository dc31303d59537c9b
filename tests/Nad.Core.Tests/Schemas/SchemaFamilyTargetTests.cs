using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Evaluation;
using Nad.Core.ModelFiles;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Tests.Detectors;
using Nad.Core.Training;

namespace Nad.Core.Tests.Schemas;

/// <summary>
/// The family target on a schema that is not NSL-KDD: UNSW-NB15's attack_cat values are the classes. Every
/// expectation is read from the sample's own text (its attack_cat column), not from NAD's reader.
/// </summary>
public sealed class SchemaFamilyTargetTests
{
    [Theory]
    [InlineData("lightgbm", "iterations=30")]
    [InlineData("neural-network", "epochs=10")]
    public void Unsw_family_model_learns_the_attack_cat_families_reports_them_and_round_trips(string model, string parameters)
    {
        var data = RecordReader.ReadFile(BuiltInSchemas.UnswNb15, FlowSamples.Unsw);
        var lines = FlowSamples.ReadLines(FlowSamples.Unsw).ToArray();
        var category = Array.IndexOf(lines[0].TrimStart('\uFEFF').Split(','), "attack_cat");
        string CategoryOf(long line) => lines[line - 1].Split(',')[category].Trim();

        var (trainRows, testRows) = StratifiedSplit.TrainHoldout(data.RequireLabels(), 0.3, seed: 5);
        var train = data.Subset(trainRows, "unsw (train)");
        var test = data.Subset(testRows, "unsw (test)");
        var settings = ModelZooTests.Settings(parameters, 42) with { Target = PredictionTarget.Family };
        var detector = DetectorTraining.Train(DetectorCatalog.Get(model).CreateTrainer(settings), train,
            new TrainingDataInfo("unsw", "", train.Count), new TrainingOptions { Refit = false });

        // The classes: Normal, then every attack_cat value of the training rows but Normal, in ordinal order.
        var trained = train.LineNumbers.Select(CategoryOf).Where(c => c != "Normal").Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.True(trained.Length > 4, "the sample holds several attack categories");
        var classifier = Assert.IsAssignableFrom<IFamilyClassifier>(detector.FamilyClassifier);
        Assert.Equal(["Normal", .. trained], classifier.Classes.Names);
        Assert.Equal(classifier.Classes.Names, detector.Manifest.Families);
        Assert.Equal("family", detector.Manifest.Target);

        var probabilities = classifier.FamilyProbabilities(test.Records);
        var scores = detector.Score(test.Records);
        for (var i = 0; i < probabilities.Length; i++)
        {
            Assert.Equal(classifier.Classes.Count, probabilities[i].Length);
            Assert.Equal(1, probabilities[i].Sum(), 4);
            Assert.Equal(1 - probabilities[i][0], scores[i], 4);
            var attack = detector.IsAttack(scores[i]);
            var decided = classifier.Classes.Decided(probabilities[i], attack);
            Assert.True(attack == (decided != "Normal"), $"row {i}: attack {attack}, family {decided}");
        }

        // The report's rows per family: the test rows' attack_cat counts, family by family.
        var report = FamilyReport.Compute(classifier.Classes, test.RequireLabels(), probabilities);
        var expected = test.LineNumbers.Select(CategoryOf).GroupBy(c => c).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(classifier.Classes.Names, report.Families);
        foreach (var family in report.PerFamily)
            Assert.Equal(expected.GetValueOrDefault(family.Family), family.Support);
        Assert.Equal(expected.Where(p => classifier.Classes.Find(p.Key) is null).Sum(p => p.Value), report.RowsWithUnknownFamily);
        Assert.True(report.PerFamily.Single(f => f.Family == "Exploits").Support > 0);
        // Better than always answering the largest family.
        var majority = expected.Values.Max() / (double)test.Count;
        Assert.True(report.Accuracy > majority, $"{model}: family accuracy {report.Accuracy:P1}, the largest family is {majority:P1} of the rows");

        using var file = new MemoryStream();
        ModelFile.Write(detector, file);
        file.Position = 0;
        var loaded = ModelFile.Read(file, "unsw-family.nad");
        Assert.Equal(classifier.Classes.Names, loaded.FamilyClassifier!.Classes.Names);
        var reloaded = loaded.FamilyClassifier.FamilyProbabilities(test.Records.Take(50).ToArray());
        for (var i = 0; i < reloaded.Length; i++)
            for (var c = 0; c < reloaded[i].Length; c++) Assert.Equal(probabilities[i][c], reloaded[i][c], 5);
    }

    [Fact]
    public void Family_classes_are_nsl_kdds_five_for_nsl_kdd_and_the_schemas_families_otherwise()
    {
        Assert.Same(FamilyClasses.NslKdd, FamilyClasses.For(BuiltInSchemas.NslKdd, [AttackLabel.Parse("neptune")]));
        var unsw = BuiltInSchemas.UnswNb15.Label!;
        var classes = FamilyClasses.For(BuiltInSchemas.UnswNb15, [unsw.Parse("Worms"), unsw.Parse("Normal"), unsw.Parse("Exploits"), unsw.Parse("Worms")]);
        Assert.Equal(["Normal", "Exploits", "Worms"], classes.Names);
        Assert.Equal(2, classes.IndexOf(unsw.Parse("Worms")));
        Assert.Equal(0, classes.IndexOf(unsw.Parse("Normal")));
        var unseen = Assert.Throws<ArgumentException>(() => classes.IndexOf(unsw.Parse("Fuzzers")));
        Assert.Contains("'Fuzzers'", unseen.Message);

        // CIC-IDS2017's label spec maps attack names to families.
        var cic = BuiltInSchemas.CicIds2017.Label!;
        var cicClasses = FamilyClasses.For(BuiltInSchemas.CicIds2017, [cic.Parse("DoS Hulk"), cic.Parse("PortScan"), cic.Parse("BENIGN"), cic.Parse("DDoS")]);
        Assert.Equal(["Normal", .. new[] { cic.FamilyOf("DoS Hulk"), cic.FamilyOf("PortScan"), cic.FamilyOf("DDoS") }.Order(StringComparer.Ordinal)], cicClasses.Names);
        Assert.Equal("DoS", cic.FamilyOf("DoS Hulk"));
        Assert.Equal(cicClasses.Names, FamilyClasses.FromTrained(cicClasses.Names.Reverse()).Names);

        var named = new LabelSpec("Label", ["BENIGN"]) { Families = new Dictionary<string, string> { ["odd"] = "normal" } };
        var clash = Assert.Throws<ArgumentException>(() => FamilyClasses.For(BuiltInSchemas.UnswNb15, [named.Parse("odd"), named.Parse("BENIGN")]));
        Assert.Contains("'odd'", clash.Message);

        var none = Assert.Throws<ArgumentException>(() => FamilyClasses.For(BuiltInSchemas.UnswNb15, [unsw.Parse("Normal")]));
        Assert.Contains("no attack rows", none.Message);
    }
}
