using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Nad.Core.Detectors.Calibration;
using Nad.Core.Detectors.MlNet;
using Nad.Core.Detectors.Trees;
using Nad.Core.Features;

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

    private readonly string _engine;
    private readonly int _trees;
    private readonly int _leaves;
    private readonly int _minLeaf;
    private readonly double _featureFraction;
    private readonly double _splitFraction;
    private readonly double _rowFraction;

    public RandomForestTrainer(TrainerSettings? settings = null) : base(settings)
    {
        Settings.RejectUnknown(ModelName, "engine", "trees", "leaves", "min-leaf", "feature-fraction", "split-fraction", "row-fraction");
        Settings.RequireAttackTarget(ModelName);
        _engine = Settings.Parameters.TryGetValue("engine", out var engine) ? engine.ToLowerInvariant() : LightGbmEngine;
        if (_engine is not (LightGbmEngine or FastForestEngine))
            throw new ArgumentException($"Parameter 'engine' is '{engine}'; expected {LightGbmEngine} or {FastForestEngine}.");
        var lightGbm = _engine == LightGbmEngine;
        _trees = Settings.Int("trees", 100, 1, 10_000);
        _leaves = Settings.Int("leaves", 64, 2, 65_536);
        _minLeaf = Settings.Int("min-leaf", 2, 1, 100_000);
        // LightGBM defaults are Breiman's and scikit-learn's, fixed without looking at any test file:
        // every feature per tree, sqrt(features) drawn at each split (about 0.1 of NAD's ~125 encoded
        // columns), 63.2% of the rows per tree (a bootstrap's share of distinct rows).
        _featureFraction = Settings.Double("feature-fraction", lightGbm ? 1 : 0.7, 0.01, 1);
        _splitFraction = Settings.Double("split-fraction", lightGbm ? 0.1 : 1, 0.01, 1);
        _rowFraction = Settings.Double("row-fraction", lightGbm ? 0.632 : 0.7, 0.01, 1);
        // LightGBM's rf booster refuses to grow identical trees (its native check would surface as an unexpected error).
        if (lightGbm && _rowFraction >= 1 && _featureFraction >= 1)
            throw new ArgumentException($"engine={LightGbmEngine} needs 'row-fraction' or 'feature-fraction' below 1: a random forest must sample rows or features (or use engine={FastForestEngine}).");
    }

    public override string Name => ModelName;

    protected override IReadOnlyDictionary<string, string> ModelParameters => new Dictionary<string, string>
    {
        ["engine"] = _engine,
        ["trees"] = _trees.ToString(),
        ["leaves"] = _leaves.ToString(),
        ["min-leaf"] = _minLeaf.ToString(),
        ["feature-fraction"] = Invariant(_featureFraction),
        ["split-fraction"] = Invariant(_splitFraction),
        ["row-fraction"] = Invariant(_rowFraction),
        ["calibrator"] = "platt",
    };

    /// <summary>Used by <c>engine=fastforest</c> only: the LightGBM engine trains outside ML.NET.</summary>
    protected override IEstimator<ITransformer> BinaryPipeline(MLContext ml) =>
        ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
        {
            NumberOfTrees = _trees,
            NumberOfLeaves = _leaves,
            MinimumExampleCountPerLeaf = _minLeaf,
            FeatureFraction = _featureFraction,
            FeatureFractionPerSplit = _splitFraction,
            BaggingExampleFraction = _rowFraction,
            NumberOfThreads = Settings.Threads,
            Seed = Settings.Seed,
            FeatureColumnName = MlNetData.FeaturesColumn,
            LabelColumnName = MlNetData.LabelColumn,
        });

    protected override IScoringModel? FitWithoutMlNet(FeatureEncoder encoder, EncodedBatch batch, bool[] truth, CancellationToken cancellationToken)
    {
        if (_engine != LightGbmEngine) return null;
        var trees = LightGbmForest.Fit(batch, truth, new LightGbmForestOptions
        {
            Trees = _trees,
            Leaves = _leaves,
            MinimumRowsPerLeaf = _minLeaf,
            FeatureFraction = _featureFraction,
            FeatureFractionPerSplit = _splitFraction,
            RowFraction = _rowFraction,
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
