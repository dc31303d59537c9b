using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Ensembles;
using Nad.Core.ModelFiles;
using Nad.Core.Training;

namespace Nad.Core.Tests;

public class HybridTests
{
    [Fact]
    public void Hybrid_flags_everything_its_forest_flags_and_more_within_its_budget()
    {
        var train = TestData.EveryKth(TestData.Train, 6000, offset: 2);
        var settings = new TrainerSettings { Parameters = new Dictionary<string, string> { ["fpr"] = "0.05" } };
        var model = (HybridModel)new HybridTrainer(settings, DetectorCatalog.Models).Fit(train).Model;
        var test = TestData.EveryKth(TestData.TestPlus, 3000, offset: 4);
        var labels = test.RequireLabels();

        var combined = model.Score(test.Records);
        var forest = model.Supervised.Scorer.Score(test.Records);
        var anomaly = model.Anomaly.Scorer.Score(test.Records);
        for (var i = 0; i < test.Count; i++)
        {
            // OR: flagged exactly when one member is at or above its own threshold.
            var either = forest[i] >= model.SupervisedThreshold || anomaly[i] >= model.AnomalyThreshold;
            Assert.Equal(either, combined[i] >= 1.0);
        }
        var attacks = Enumerable.Range(0, test.Count).Where(i => labels[i].IsAttack).ToArray();
        var normals = Enumerable.Range(0, test.Count).Where(i => !labels[i].IsAttack).ToArray();
        var forestRecall = attacks.Count(i => forest[i] >= model.SupervisedThreshold) / (double)attacks.Length;
        var hybridRecall = attacks.Count(i => combined[i] >= 1) / (double)attacks.Length;
        // On KDDTest+ the anomaly member catches novel attacks the forest misses (full data: 66% -> 78%).
        Assert.True(hybridRecall >= forestRecall + 0.03, $"hybrid recall {hybridRecall:P1} vs forest {forestRecall:P1}");
        Assert.InRange(normals.Count(i => combined[i] >= 1) / (double)normals.Length, 0, 0.10);
    }

    [Fact]
    public void A_batch_split_over_the_cores_scores_every_record_as_alone()
    {
        var model = new HybridTrainer(null, DetectorCatalog.Models).Fit(TestData.EveryKth(TestData.Train, 6000, offset: 1)).Model;
        // 9,001 rows: over the parallel cut, in chunks with a partial last one.
        var records = TestData.EveryKth(TestData.TestPlus, 9001, offset: 3).Records;
        var batch = model.Score(records);
        for (var i = 0; i < records.Count; i++) Assert.Equal(model.Score([records[i]])[0], batch[i]);
    }

    [Fact]
    public void Novel_member_threshold_cuts_the_forest_lower_than_the_hold_out()
    {
        var train = TestData.EveryKth(TestData.Train, 4000, offset: 5);
        HybridModel Fit(string rule) => (HybridModel)new HybridTrainer(new TrainerSettings
        {
            Parameters = new Dictionary<string, string> { ["supervised-threshold"] = rule, ["supervised"] = "lightgbm" },
        }, DetectorCatalog.Models).Fit(train).Model;

        var heldOut = Fit("held-out");
        var novel = Fit("novel");
        // Attack types left out of a round score low, so max F1 on those rows lands lower; the anomaly member is unchanged.
        Assert.True(novel.SupervisedThreshold < heldOut.SupervisedThreshold, $"novel {novel.SupervisedThreshold:0.####} vs held-out {heldOut.SupervisedThreshold:0.####}");
        Assert.Equal(heldOut.AnomalyThreshold, novel.AnomalyThreshold);
    }

    [Fact]
    public void Stacked_hybrid_weighs_both_members_up_towards_attack()
    {
        var train = TestData.EveryKth(TestData.Train, 4000, offset: 5);
        var model = (StackedHybridModel)new HybridTrainer(new TrainerSettings
        {
            Parameters = new Dictionary<string, string> { ["combine"] = "stacked", ["supervised"] = "lightgbm" },
        }, DetectorCatalog.Models).Fit(train).Model;
        // Both scores carry evidence of an attack on rows of types their model never saw: both weights are positive.
        Assert.True(model.Stacker.Weight1 > 0 && model.Stacker.Weight2 > 0, model.Stacker.ToString());
        var test = TestData.EveryKth(TestData.TestPlus, 2000, offset: 4);
        var scores = model.Score(test.Records);
        var truth = test.RequireLabels().Select(l => l.IsAttack).ToArray();
        Assert.True(Nad.Core.Evaluation.BinaryMetrics.Compute(truth, scores, 1.0).RocAuc > 0.9);
    }

    [Fact]
    public void Hybrid_round_trips_through_a_model_file_and_refuses_wrong_members()
    {
        var train = TestData.EveryKth(TestData.Train, 3000, offset: 9);
        var detector = DetectorTraining.Train(new HybridTrainer(null, DetectorCatalog.Models), train, new TrainingDataInfo("slice", "", train.Count));
        Assert.Equal(1.0, detector.Threshold);
        var path = Path.Combine(TestData.TempFolder(), "hybrid.nadmodel");
        ModelFile.Save(detector, path);
        var loaded = ModelFile.Load(path);
        var records = TestData.EveryKth(TestData.TestPlus, 300).Records;
        Assert.Equal(detector.Score(records), loaded.Score(records));

        var wrong = new TrainerSettings { Parameters = new Dictionary<string, string> { ["anomaly"] = "random-forest" } };
        Assert.Contains("must name an unsupervised model", Assert.Throws<InvalidParameterException>(() => new HybridTrainer(wrong, DetectorCatalog.Models)).Message);
    }

    [Fact]
    public void Members_take_prefixed_parameters_and_default_to_50_trees_each()
    {
        var defaults = new HybridTrainer(null, DetectorCatalog.Models).Parameters;
        Assert.Equal("50", defaults["supervised.trees"]);
        Assert.Equal("50", defaults["anomaly.trees"]);
        Assert.DoesNotContain("supervised.seed", defaults.Keys);

        var train = TestData.EveryKth(TestData.Train, 3000, offset: 5);
        var settings = new TrainerSettings { Parameters = new Dictionary<string, string> { ["supervised.trees"] = "7", ["anomaly.trees"] = "9" } };
        var model = (HybridModel)new HybridTrainer(settings, DetectorCatalog.Models).Fit(train).Model;
        Assert.Equal(7, ((Nad.Core.Detectors.Trees.TreeEnsembleModel)model.Supervised.Scorer).Trees.TreeCount);
        Assert.Equal(9, ((Nad.Core.Detectors.Unsupervised.IsolationForestModel)model.Anomaly.Scorer).Forest.TreeCount);

        // A member parameter the member does not take is refused before any fit, naming it; so is a bare unknown one.
        var bad = new TrainerSettings { Parameters = new Dictionary<string, string> { ["anomaly.depth"] = "3" } };
        var refused = Assert.Throws<InvalidParameterException>(() => new HybridTrainer(bad, DetectorCatalog.Models));
        Assert.Contains("'depth'", refused.Message);
        Assert.Contains("anomaly.", refused.Message);
        Assert.Equal("anomaly.depth", refused.Parameter);
        var badValue = new TrainerSettings { Parameters = new Dictionary<string, string> { ["supervised.trees"] = "abc" } };
        var badTrees = Assert.Throws<InvalidParameterException>(() => new HybridTrainer(badValue, DetectorCatalog.Models));
        Assert.Contains("supervised.", badTrees.Message);
        Assert.Equal(("supervised.trees", "abc"), (badTrees.Parameter, badTrees.Value));
        var unknown = new TrainerSettings { Parameters = new Dictionary<string, string> { ["trees"] = "3" } };
        Assert.Contains("'trees'", Assert.Throws<InvalidParameterException>(() => new HybridTrainer(unknown, DetectorCatalog.Models)).Message);
    }

    [Fact]
    public void Each_member_is_refitted_on_all_its_rows_after_its_threshold_and_training_fits_each_member_twice()
    {
        var train = TestData.EveryKth(TestData.Train, 3000, offset: 11);
        var catalog = new CountingCatalog();
        var detector = DetectorTraining.Train(new HybridTrainer(null, catalog), train, new TrainingDataInfo("slice", "", train.Count));

        // Threshold on the 80% split, then the final member on every (normal) row: no outer split around the hybrid.
        var labels = train.RequireLabels();
        var (split, heldOut) = StratifiedSplit.TrainHoldout(labels, 0.2, 42);
        Assert.Equal([split.Length, train.Count], catalog.Rows("random-forest"));
        Assert.Equal([split.Count(i => !labels[i].IsAttack), labels.Count(l => !l.IsAttack)], catalog.Rows("isolation-forest"));
        // Measured on the members' held-out rows, combined as the model combines them.
        Assert.Equal(heldOut.Length, detector.Manifest.ValidationMetrics!.Confusion.Total);
        Assert.Equal(1.0, detector.Threshold);
    }

    /// <summary>The catalog, counting the rows each member trainer is given.</summary>
    private sealed class CountingCatalog : IModelCatalog
    {
        private readonly List<(string Model, int Rows)> _fits = [];

        public int[] Rows(string model) => [.. _fits.Where(f => f.Model == model).Select(f => f.Rows)];
        public string Resolve(string model) => DetectorCatalog.Models.Resolve(model);
        public bool IsSupervised(string model) => DetectorCatalog.Models.IsSupervised(model);
        public IScoringModel LoadModel(string model, Stream payload, Nad.Core.Features.FeatureEncoder encoder) => DetectorCatalog.Models.LoadModel(model, payload, encoder);

        public IDetectorTrainer CreateTrainer(string model, TrainerSettings settings) => new Counting(DetectorCatalog.Models.CreateTrainer(model, settings), _fits);

        private sealed class Counting(IDetectorTrainer inner, List<(string, int)> fits) : IDetectorTrainer
        {
            public string Name => inner.Name;
            public bool IsSupervised => inner.IsSupervised;
            public IReadOnlyDictionary<string, string> Parameters => inner.Parameters;
            public Nad.Core.Thresholds.IThresholdRule DefaultThreshold => inner.DefaultThreshold;

            public FittedModel Fit(Nad.Core.Records.ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
            {
                fits.Add((inner.Name, data.Count));
                return inner.Fit(data, progress, cancellationToken);
            }
        }
    }
}
