using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
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
