using Nad.Core.Detectors;
using Nad.Core.Records;

namespace Nad.Core.Tests.Detectors;

/// <summary>
/// A small real slice of the NSL-KDD training file, read once for all model tests: about
/// 3,500 training rows and 1,500 held-out rows, both stratified by attack name.
/// </summary>
public sealed class TrainingSlice
{
    public TrainingSlice()
    {
        var all = TestData.Train;
        var (_, sample) = StratifiedSplit.TrainHoldout(all.RequireLabels(), 0.04, seed: 7);
        var slice = all.Subset(sample, "training slice");
        var (train, test) = StratifiedSplit.TrainHoldout(slice.RequireLabels(), 0.3, seed: 11);
        Train = slice.Subset(train, "training slice (train)");
        Test = slice.Subset(test, "training slice (held out)");
    }

    public ConnectionDataset Train { get; }
    public ConnectionDataset Test { get; }

    public bool[] TestTruth => Test.RequireLabels().Select(l => l.IsAttack).ToArray();

    /// <summary>The share of the held-out rows in the larger class: what a majority-class predictor scores.</summary>
    public double MajorityShare
    {
        get
        {
            var attacks = TestTruth.Count(t => t);
            return (double)Math.Max(attacks, Test.Count - attacks) / Test.Count;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TrainingSliceCollection : ICollectionFixture<TrainingSlice>
{
    public const string Name = "training slice";
}
