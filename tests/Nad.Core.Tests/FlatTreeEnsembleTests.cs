using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Detectors.Calibration;
using Nad.Core.Detectors.MlNet;
using Nad.Core.Detectors.Trees;
using Nad.Core.Features;

namespace Nad.Core.Tests;

public class FlatTreeEnsembleTests
{
    [Fact]
    public void Flat_trees_reproduce_ml_net_forest_and_boosting_outputs()
    {
        var train = TestData.EveryKth(TestData.Train, 3000, offset: 5);
        var encoder = FeatureEncoder.Fit(train.Records);
        var batch = encoder.EncodeBatch(train.Records);
        var ml = new MLContext(1);
        var view = MlNetData.ToDataView(ml, batch, train.RequireLabels().Select(l => l.IsAttack).ToArray());
        var test = encoder.EncodeBatch(TestData.EveryKth(TestData.TestPlus, 1000).Records);
        var testView = MlNetData.ToDataView(ml, test);

        var forest = ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options { NumberOfTrees = 20, NumberOfThreads = 1 }).Fit(view);
        var flatForest = FlatTreeEnsemble.From(forest.Model.TrainedTreeEnsemble);
        AssertSameOutputs(forest.Transform(testView), flatForest, test);

        var boosting = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options { NumberOfTrees = 20, NumberOfThreads = 1 }).Fit(view);
        var flatBoosting = FlatTreeEnsemble.From(boosting.Model.SubModel.TrainedTreeEnsemble);
        AssertSameOutputs(boosting.Transform(testView), flatBoosting, test);
    }

    [Fact]
    public void Boosted_trees_exported_with_ml_nets_calibrator_give_ml_nets_probabilities()
    {
        var train = TestData.EveryKth(TestData.Train, 2000, offset: 7);
        var encoder = FeatureEncoder.Fit(train.Records);
        var ml = new MLContext(1);
        var view = MlNetData.ToDataView(ml, encoder.EncodeBatch(train.Records), train.RequireLabels().Select(l => l.IsAttack).ToArray());
        var test = TestData.EveryKth(TestData.TestPlus, 1000);
        var testView = MlNetData.ToDataView(ml, encoder.EncodeBatch(test.Records));

        var fastTree = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options { NumberOfTrees = 30, NumberOfThreads = 1 }).Fit(view);
        AssertSameProbabilities(fastTree.Transform(testView), MlNetTreeExport.Calibrated<FastTreeBinaryModelParameters>(fastTree, encoder), test);

        var lightGbm = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options { NumberOfIterations = 30, NumberOfThreads = 1, Silent = true }).Fit(view);
        AssertSameProbabilities(lightGbm.Transform(testView), MlNetTreeExport.Calibrated<LightGbmBinaryModelParameters>(lightGbm, encoder), test);

        // The wrong model type is a clear refusal, not a cast exception.
        Assert.Throws<NotSupportedException>(() => MlNetTreeExport.Calibrated<LightGbmBinaryModelParameters>(fastTree, encoder));
    }

    [Fact]
    public void LightGbm_random_forest_copied_from_its_model_text_gives_lightgbms_own_probabilities()
    {
        var train = TestData.EveryKth(TestData.Train, 3000, offset: 11);
        var encoder = FeatureEncoder.Fit(train.Records);
        var batch = encoder.EncodeBatch(train.Records);
        var labels = train.RequireLabels().Select(l => l.IsAttack).ToArray();
        var test = encoder.EncodeBatch(TestData.EveryKth(TestData.TestPlus, 1000).Records);
        var expected = new double[test.Rows];
        var text = LightGbmForest.ModelText(batch, labels, new LightGbmForestOptions { Trees = 25, FeatureFraction = 1, FeatureFractionPerSplit = 0.3 },
            null, test, expected);
        Assert.Contains("average_output", text);
        var flat = LightGbmModelText.Parse(text);
        Assert.Equal(25, flat.TreeCount);
        Assert.True(expected.Distinct().Count() > 20, "probabilities should vary on real rows");
        // LightGBM's forest probability is the sigmoid of the trees' mean log-odds.
        for (var i = 0; i < test.Rows; i++)
            Assert.Equal(expected[i], 1 / (1 + Math.Exp(-flat.Evaluate(test.Row(i)))), tolerance: 1e-9);
        // Same seed, same trees.
        var again = LightGbmForest.ModelText(batch, labels, new LightGbmForestOptions { Trees = 25, FeatureFraction = 1, FeatureFractionPerSplit = 0.3 }, null, null, null);
        Assert.Equal(Trees(text), Trees(again));
    }

    [Fact]
    public void A_forest_grown_in_parallel_parts_is_the_mean_of_its_parts_and_the_same_for_any_thread_count()
    {
        var train = TestData.EveryKth(TestData.Train, 3000, offset: 17);
        var encoder = FeatureEncoder.Fit(train.Records);
        var batch = encoder.EncodeBatch(train.Records);
        var labels = train.RequireLabels().Select(l => l.IsAttack).ToArray();
        var test = encoder.EncodeBatch(TestData.EveryKth(TestData.TestPlus, 500).Records);
        var options = new LightGbmForestOptions { Trees = LightGbmForest.TreesPerPart + 10, FeatureFractionPerSplit = 0.1, RowFraction = 0.632 };
        var treesReported = new List<int>();
        var oneThread = LightGbmForest.Fit(batch, labels, options with { Threads = 1 });
        var twoThreads = LightGbmForest.Fit(batch, labels, options with { Threads = 2 }, new SynchronousProgress(treesReported));
        Assert.Equal(options.Trees, twoThreads.TreeCount);
        Assert.Equal(Enumerable.Range(1, options.Trees), treesReported.Order());
        // The parts LightGBM grows alone (the second with the next seed), averaged by their tree counts.
        var first = LightGbmModelText.Parse(LightGbmForest.ModelText(batch, labels, options with { Trees = LightGbmForest.TreesPerPart, Threads = 1 }, null, null, null));
        var second = LightGbmModelText.Parse(LightGbmForest.ModelText(batch, labels, options with { Trees = 10, Threads = 1, Seed = options.Seed + 1 }, null, null, null));
        for (var i = 0; i < test.Rows; i++)
        {
            var expected = (LightGbmForest.TreesPerPart * first.Evaluate(test.Row(i)) + 10 * second.Evaluate(test.Row(i))) / options.Trees;
            Assert.Equal(expected, twoThreads.Evaluate(test.Row(i)), tolerance: 1e-12);
            Assert.Equal(oneThread.Evaluate(test.Row(i)), twoThreads.Evaluate(test.Row(i)));
        }
    }

    [Fact]
    public void A_lightgbm_failure_in_a_parallel_part_surfaces_with_lightgbms_own_message()
    {
        var train = TestData.EveryKth(TestData.Train, 500, offset: 19);
        var encoder = FeatureEncoder.Fit(train.Records);
        var labels = train.RequireLabels().Select(l => l.IsAttack).ToArray();
        // LightGBM's rf booster refuses to bag nothing: every row and every feature for every tree.
        var options = new LightGbmForestOptions { Trees = 2 * LightGbmForest.TreesPerPart, RowFraction = 1, FeatureFraction = 1, Threads = 2 };
        var error = Assert.Throws<InvalidOperationException>(() => LightGbmForest.Fit(encoder.EncodeBatch(train.Records), labels, options));
        Assert.StartsWith("LightGBM failed:", error.Message);
    }

    private sealed class SynchronousProgress(List<int> values) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (values) values.Add(value);
        }
    }

    [Fact]
    public void Random_forest_engines_both_score_through_flat_trees_and_bad_settings_are_refused()
    {
        var train = TestData.EveryKth(TestData.Train, 2000, offset: 13);
        var test = TestData.EveryKth(TestData.TestPlus, 1000, offset: 2);
        var truth = test.RequireLabels().Select(l => l.IsAttack).ToArray();
        foreach (var engine in new[] { "lightgbm", "fastforest" })
        {
            var trainer = new Nad.Core.Detectors.Supervised.RandomForestTrainer(new TrainerSettings
            {
                Threads = 1,
                Parameters = new Dictionary<string, string> { ["engine"] = engine, ["trees"] = "30" },
            });
            Assert.Equal(engine, trainer.Parameters["engine"]);
            var model = Assert.IsType<TreeEnsembleModel>(trainer.Fit(train).Model);
            var scores = model.Score(test.Records);
            Assert.All(scores, s => Assert.InRange(s, 0, 1));
            Assert.InRange(Nad.Core.Evaluation.RankMetrics.RocAuc(truth, scores), 0.88, 1);
        }
        var error = Assert.Throws<InvalidParameterException>(() => new Nad.Core.Detectors.Supervised.RandomForestTrainer(
            new TrainerSettings { Parameters = new Dictionary<string, string> { ["engine"] = "sklearn" } }));
        Assert.Contains("engine", error.Message);
        // LightGBM's rf booster needs row or feature sampling: a clear error, not its native check failing mid-fit.
        var unsampled = Assert.Throws<InvalidParameterException>(() => new Nad.Core.Detectors.Supervised.RandomForestTrainer(
            new TrainerSettings { Parameters = new Dictionary<string, string> { ["row-fraction"] = "1", ["feature-fraction"] = "1" } }));
        Assert.Contains("'row-fraction' or 'feature-fraction' below 1", unsampled.Message);
    }

    // The trees of a LightGBM model text, without its header (which names the parameters) and feature importances.
    private static string Trees(string text) => text[text.IndexOf("Tree=0", StringComparison.Ordinal)..text.IndexOf("end of trees", StringComparison.Ordinal)];

    [Theory]
    [InlineData("gradient-boosting")]
    [InlineData("lightgbm")]
    public void Boosting_trainers_score_through_flat_trees_and_reload_from_the_catalog(string name)
    {
        var train = TestData.EveryKth(TestData.Train, 1500, offset: 3);
        var entry = DetectorCatalog.Get(name);
        var rounds = new Dictionary<string, string> { [name == "lightgbm" ? "iterations" : "trees"] = "20" };
        var model = entry.CreateTrainer(new TrainerSettings { Threads = 1, Parameters = rounds }).Fit(train).Model;
        Assert.IsType<TreeEnsembleModel>(model);
        using var payload = new MemoryStream();
        model.Save(payload);
        var copy = entry.LoadModel(new MemoryStream(payload.ToArray()), model.Encoder);
        var test = TestData.EveryKth(TestData.TestPlus, 500).Records;
        Assert.Equal(model.Score(test), copy.Score(test));
    }

    [Fact]
    public void The_batch_form_gives_the_walks_sums_bit_for_bit_for_forests_boosting_and_trees_past_64_leaves()
    {
        var train = TestData.EveryKth(TestData.Train, 3000, offset: 23);
        var encoder = FeatureEncoder.Fit(train.Records);
        var batch = encoder.EncodeBatch(train.Records);
        var labels = train.RequireLabels().Select(l => l.IsAttack).ToArray();
        var test = encoder.EncodeBatch(TestData.EveryKth(TestData.TestPlus, 700, offset: 4).Records);
        var ml = new MLContext(1);
        var view = MlNetData.ToDataView(ml, batch, labels);

        var forest = LightGbmForest.Fit(batch, labels, new LightGbmForestOptions { Trees = 30, Threads = 1 });
        var boosting = FlatTreeEnsemble.From(ml.BinaryClassification.Trainers.FastTree(
            new FastTreeBinaryTrainer.Options { NumberOfTrees = 20, NumberOfThreads = 1 }).Fit(view).Model.SubModel.TrainedTreeEnsemble);
        // 100 leaves a tree: past the batch form's 64-bit leaf masks, so scored row by row.
        var wide = FlatTreeEnsemble.From(ml.BinaryClassification.Trainers.FastTree(
            new FastTreeBinaryTrainer.Options { NumberOfTrees = 5, NumberOfLeaves = 100, MinimumExampleCountPerLeaf = 2, NumberOfThreads = 1 })
            .Fit(view).Model.SubModel.TrainedTreeEnsemble);
        foreach (var trees in new[] { forest, boosting, wide })
        {
            var sums = new double[test.Rows];
            trees.EvaluateBatch(test.Values, test.Dimension, sums);
            Assert.True(sums.Distinct().Count() > 20, "sums should vary on real rows");
            for (var i = 0; i < test.Rows; i++)
            {
                Assert.Equal(trees.Evaluate(test.Row(i)), sums[i]);
                Assert.Equal(trees.EvaluateByWalk(test.Row(i)), sums[i]); // one row: four trees side by side, the walk's sum
            }
            var odd = test.Values[..(3 * test.Dimension)];
            for (var j = 0; j < odd.Length; j += 5) odd[j] = float.NaN;
            for (var i = 0; i < 3; i++) Assert.Equal(trees.EvaluateByWalk(odd.AsSpan(i * test.Dimension, test.Dimension)), trees.Evaluate(odd.AsSpan(i * test.Dimension, test.Dimension)));
        }
        // 700 rows: 696 by the batch form, the last 4 by the walk. Without 512-bit vectors, all by the walk.
        var vectors = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated;
        Assert.Equal(vectors, forest.HasBatchForm);
        Assert.Equal(vectors, boosting.HasBatchForm);
        Assert.False(wide.HasBatchForm);
        Assert.Throws<ArgumentException>(() => forest.EvaluateBatch(test.Values.AsSpan(0, test.Dimension), test.Dimension, new double[2]));
    }

    [Fact]
    public void Hand_built_trees_walk_as_written_and_a_payload_with_a_loop_is_refused()
    {
        // Tree 0: x0 <= 0.5 ? (x1 <= 1 ? leaf 1 : leaf 2) : leaf 0. Tree 1: a single leaf. Weights 2 and 1, bias 0.25.
        var good = Payload(left: [1, ~1], right: [~0, ~2]);
        var trees = FlatTreeEnsemble.Read(new BinaryReader(new MemoryStream(good)), featureCount: 2);
        Assert.Equal(2 * 10 + 1 * 7 + 0.25, trees.Evaluate([0f, 0f]));
        Assert.Equal(2 * 20 + 7 + 0.25, trees.Evaluate([0f, 2f]));
        Assert.Equal(2 * 30 + 7 + 0.25, trees.Evaluate([1f, 0f]));
        Assert.Throws<ArgumentException>(() => trees.Evaluate([0f]));
        // The batch form agrees, also exactly at a threshold (goes left) and on NaN (goes right).
        // Eight rows, so that the batch form (where it runs) scores them all.
        float[] rows = [0f, 0f, 0f, 2f, 1f, 0f, 0.5f, 1f, float.NaN, 0f, 0f, float.NaN, 2f, 5f, -1f, 1f];
        var sums = new double[8];
        trees.EvaluateBatch(rows, 2, sums);
        Assert.Equal([2 * 10 + 7.25, 2 * 20 + 7.25, 2 * 30 + 7.25, 2 * 10 + 7.25, 2 * 30 + 7.25, 2 * 20 + 7.25, 2 * 30 + 7.25, 2 * 10 + 7.25], sums);
        for (var i = 0; i < 8; i++) Assert.Equal(trees.Evaluate(rows.AsSpan(2 * i, 2)), sums[i]);
        // Four trees, two of them single leaves, walk side by side for one row: the same as two copies averaged by hand.
        var doubled = FlatTreeEnsemble.Average([trees, trees]);
        for (var i = 0; i < 8; i++) Assert.Equal(trees.Evaluate(rows.AsSpan(2 * i, 2)), doubled.Evaluate(rows.AsSpan(2 * i, 2)), 12);

        // Node 1's left child pointing back at node 0 would walk forever: refused when read.
        var loop = Payload(left: [1, 0], right: [~0, ~2]);
        var error = Assert.Throws<InvalidDataException>(() => FlatTreeEnsemble.Read(new BinaryReader(new MemoryStream(loop)), featureCount: 2));
        Assert.Contains("back up", error.Message);
        // A leaf index past the tree's own leaves.
        Assert.Throws<InvalidDataException>(() => FlatTreeEnsemble.Read(new BinaryReader(new MemoryStream(Payload(left: [1, ~1], right: [~0, ~3]))), featureCount: 2));
    }

    // Writes FlatTreeEnsemble's format by hand: version, bias, roots, leaf starts, features, left, right, thresholds, leaves, weights.
    private static byte[] Payload(int[] left, int[] right)
    {
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write(1);
        w.Write(0.25);
        foreach (var ints in new[] { new[] { 0, -1 }, [0, 3], [0, 1], left, right })
        {
            w.Write(ints.Length);
            foreach (var v in ints) w.Write(v);
        }
        w.Write(2); w.Write(0.5f); w.Write(1f);
        w.Write(4); w.Write(30.0); w.Write(10.0); w.Write(20.0); w.Write(7.0);
        w.Write(2); w.Write(2.0); w.Write(1.0);
        w.Flush();
        return stream.ToArray();
    }

    private static void AssertSameProbabilities(IDataView scored, TreeEnsembleModel flat, Nad.Core.Records.ConnectionDataset data)
    {
        var expected = scored.GetColumn<float>("Probability").ToArray();
        var actual = flat.Score(data.Records);
        Assert.True(expected.Distinct().Count() > 10, "the model should give varied probabilities on real rows");
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], actual[i], tolerance: 1e-5);
    }

    [Fact]
    public void Write_and_read_round_trip_and_damaged_payloads_are_refused()
    {
        var train = TestData.EveryKth(TestData.Train, 1000);
        var encoder = FeatureEncoder.Fit(train.Records);
        var batch = encoder.EncodeBatch(train.Records);
        var ml = new MLContext(1);
        var forest = ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options { NumberOfTrees = 5, NumberOfThreads = 1 })
            .Fit(MlNetData.ToDataView(ml, batch, train.RequireLabels().Select(l => l.IsAttack).ToArray()));
        var model = new TreeEnsembleModel(encoder, FlatTreeEnsemble.From(forest.Model.TrainedTreeEnsemble), new PlattScaling(-5, 0.5));
        using var payload = new MemoryStream();
        model.Save(payload);
        var copy = TreeEnsembleModel.Load(new MemoryStream(payload.ToArray()), encoder);
        Assert.Equal(model.Score(train.Records), copy.Score(train.Records));

        var truncated = payload.ToArray()[..(int)(payload.Length / 2)];
        Assert.Throws<InvalidDataException>(() => TreeEnsembleModel.Load(new MemoryStream(truncated), encoder));
        Assert.Throws<InvalidDataException>(() => TreeEnsembleModel.Load(new MemoryStream("not trees at all"u8.ToArray()), encoder));
    }

    [Fact]
    public void Platt_scaling_recovers_the_sigmoid_that_made_the_labels()
    {
        // Labels drawn from P(attack | s) = 1 / (1 + exp(-4 s + 1)): the fit must find A ≈ -4, B ≈ 1.
        var random = new Random(3);
        var scores = Enumerable.Range(0, 20_000).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var labels = scores.Select(s => random.NextDouble() < 1 / (1 + Math.Exp(-4 * s + 1))).ToArray();
        var platt = PlattScaling.Fit(scores, labels);
        Assert.Equal(-4, platt.A, 0.25);
        Assert.Equal(1, platt.B, 0.1);
        Assert.Equal(0.5, new PlattScaling(platt.A, platt.B).Probability(-platt.B / platt.A), 6);
        // Far out on either side the probability saturates without overflow.
        Assert.Equal(1, new PlattScaling(-1000, 0).Probability(5));
        Assert.InRange(new PlattScaling(-1000, 0).Probability(-5), 0, 1e-300);
    }

    private static void AssertSameOutputs(IDataView scored, FlatTreeEnsemble flat, EncodedBatch batch)
    {
        var expected = scored.GetColumn<float>("Score").ToArray();
        for (var i = 0; i < batch.Rows; i++)
            Assert.Equal(expected[i], flat.Evaluate(batch.Row(i)), tolerance: 1e-4 * Math.Max(1, Math.Abs(expected[i])));
    }
}
