using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Nad.Core.Detectors.Calibration;
using Nad.Core.Detectors.MlNet;
using Nad.Core.Detectors.Trees;
using Nad.Core.Features;
using static Nad.Core.Detectors.ParameterDeclaration;

namespace Nad.Core.Detectors.Supervised;

/// <summary>
/// A random forest for normal/attack on the one-hot + log1p encoding, grown by LightGBM's
/// random-forest booster (default, <c>engine=lightgbm</c>: native histogram trees, about 5x
/// faster to fit than FastForest here at the same KDDTest+ ROC-AUC; docs/benchmarks.md) or by
/// ML.NET's FastForest (<c>engine=fastforest</c>, the earlier default). Either way the trees are
/// copied into a <see cref="FlatTreeEnsemble"/> and a Platt calibrator is fitted on the forest's
/// training scores, because neither raw score (vote sum, mean log-odds) is a calibrated
/// probability. Scoring never goes through ML.NET or LightGBM.
/// </summary>
public sealed class RandomForestTrainer : MlNetTrainer
{
    public const string ModelName = "random-forest";
    public const string LightGbmEngine = "lightgbm";
    public const string FastForestEngine = "fastforest";

    /// <summary>
    /// LightGBM defaults are Breiman's and scikit-learn's, fixed without looking at any test file: every
    /// feature per tree, sqrt(features) drawn at each split (about 0.1 of NAD's ~125 encoded columns),
    /// 63.2% of the rows per tree (a bootstrap's share of distinct rows). FastForest keeps ML.NET's.
    /// </summary>
    public static TrainerDeclaration Declaration { get; } = new(ModelName, [PredictionTarget.Attack],
        Choice("engine", LightGbmEngine, [LightGbmEngine, FastForestEngine], "LightGBM's random-forest booster, or ML.NET FastForest"),
        TreeParameters.Trees(100),
        TreeParameters.Leaves(64),
        TreeParameters.MinLeaf(2),
        Real("feature-fraction", 1, 0.01, 1, "share of the features a tree may use") with { DefaultsWhen = [("engine", FastForestEngine, "0.7")] },
        Real("split-fraction", 0.1, 0.01, 1, "share of those features drawn at each split") with { DefaultsWhen = [("engine", FastForestEngine, "1")] },
        Real("row-fraction", 0.632, 0.01, 1, "share of the rows each tree is grown on") with { DefaultsWhen = [("engine", FastForestEngine, "0.7")] });

    public RandomForestTrainer(TrainerSettings? settings = null) : base(settings, Declaration)
    {
        // LightGBM's rf booster refuses to grow identical trees (its native check would surface as an unexpected error).
        if (LightGbm && RowFraction >= 1 && FeatureFraction >= 1)
            throw new InvalidParameterException(ModelName, "row-fraction", Values.Text("row-fraction"), "below 1 when feature-fraction is 1",
                $"engine={LightGbmEngine} needs 'row-fraction' or 'feature-fraction' below 1: a random forest must sample rows or features (or use engine={FastForestEngine}).");
    }

    protected override IEnumerable<(string Name, string Value)> Extras => [("calibrator", "platt")];

    private bool LightGbm => Values.Text("engine") == LightGbmEngine;
    private int Trees => Values.Int("trees");
    private int Leaves => Values.Int("leaves");
    private int MinLeaf => Values.Int("min-leaf");
    private double FeatureFraction => Values.Real("feature-fraction");
    private double SplitFraction => Values.Real("split-fraction");
    private double RowFraction => Values.Real("row-fraction");

    /// <summary>Used by <c>engine=fastforest</c> only: the LightGBM engine trains outside ML.NET.</summary>
    protected override IEstimator<ITransformer> BinaryPipeline(MLContext ml) =>
        ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
        {
            NumberOfTrees = Trees,
            NumberOfLeaves = Leaves,
            MinimumExampleCountPerLeaf = MinLeaf,
            FeatureFraction = FeatureFraction,
            FeatureFractionPerSplit = SplitFraction,
            BaggingExampleFraction = RowFraction,
            NumberOfThreads = Settings.Threads,
            Seed = Settings.Seed,
            FeatureColumnName = MlNetData.FeaturesColumn,
            LabelColumnName = MlNetData.LabelColumn,
        });

    protected override IScoringModel? FitWithoutMlNet(FeatureEncoder encoder, EncodedBatch batch, bool[] truth, CancellationToken cancellationToken)
    {
        if (!LightGbm) return null;
        var trees = LightGbmForest.Fit(batch, truth, new LightGbmForestOptions
        {
            Trees = Trees,
            Leaves = Leaves,
            MinimumRowsPerLeaf = MinLeaf,
            FeatureFraction = FeatureFraction,
            FeatureFractionPerSplit = SplitFraction,
            RowFraction = RowFraction,
            Threads = Settings.Threads,
            Seed = Settings.Seed,
        }, cancellationToken: cancellationToken);
        return Calibrated(encoder, trees, batch, truth, Settings.Threads);
    }

    protected override IScoringModel BinaryModel(MLContext ml, ITransformer model, FeatureEncoder encoder, EncodedBatch batch, bool[] truth)
    {
        var forest = ((BinaryPredictionTransformer<FastForestBinaryModelParameters>)model).Model;
        return Calibrated(encoder, FlatTreeEnsemble.From(forest.TrainedTreeEnsemble), batch, truth, Settings.Threads);
    }

    // Platt is fitted on the forest's raw output for every training row: scored by the batch form in
    // chunks on the trainer's threads (the same sums as row by row; walking 126k rows one at a time
    // was a fifth of the fit).
    private static TreeEnsembleModel Calibrated(FeatureEncoder encoder, FlatTreeEnsemble trees, EncodedBatch batch, bool[] truth, int threads)
    {
        const int Chunk = 4096;
        var raw = new double[batch.Rows];
        Parallel.For(0, (batch.Rows + Chunk - 1) / Chunk, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, c =>
        {
            var start = c * Chunk;
            var count = Math.Min(Chunk, batch.Rows - start);
            trees.EvaluateBatch(batch.Values.AsSpan(start * batch.Dimension, count * batch.Dimension), batch.Dimension, raw.AsSpan(start, count));
        });
        return new TreeEnsembleModel(encoder, trees, PlattScaling.Fit(raw, truth));
    }
}
