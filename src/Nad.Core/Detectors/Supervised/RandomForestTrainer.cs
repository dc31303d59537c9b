using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Nad.Core.Detectors.MlNet;

namespace Nad.Core.Detectors.Supervised;

/// <summary>
/// A random forest for normal/attack: ML.NET's FastForest on the one-hot + log1p encoding,
/// followed by a Platt calibrator, because FastForest's raw score is not a probability.
/// </summary>
public sealed class RandomForestTrainer : MlNetTrainer
{
    public const string ModelName = "random-forest";

    private readonly int _trees;
    private readonly int _leaves;
    private readonly int _minLeaf;
    private readonly double _featureFraction;

    public RandomForestTrainer(TrainerSettings? settings = null) : base(settings)
    {
        Settings.RejectUnknown(ModelName, "trees", "leaves", "min-leaf", "feature-fraction");
        Settings.RequireAttackTarget(ModelName);
        _trees = Settings.Int("trees", 100, 1, 10_000);
        _leaves = Settings.Int("leaves", 64, 2, 65_536);
        _minLeaf = Settings.Int("min-leaf", 2, 1, 100_000);
        _featureFraction = Settings.Double("feature-fraction", 0.7, 0.01, 1);
    }

    public override string Name => ModelName;

    protected override IReadOnlyDictionary<string, string> ModelParameters => new Dictionary<string, string>
    {
        ["trees"] = _trees.ToString(),
        ["leaves"] = _leaves.ToString(),
        ["min-leaf"] = _minLeaf.ToString(),
        ["feature-fraction"] = Invariant(_featureFraction),
        ["calibrator"] = "platt",
    };

    protected override IEstimator<ITransformer> BinaryPipeline(MLContext ml) =>
        ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
        {
            NumberOfTrees = _trees,
            NumberOfLeaves = _leaves,
            MinimumExampleCountPerLeaf = _minLeaf,
            FeatureFraction = _featureFraction,
            NumberOfThreads = Settings.Threads,
            Seed = Settings.Seed,
            FeatureColumnName = MlNetData.FeaturesColumn,
            LabelColumnName = MlNetData.LabelColumn,
        }).Append(ml.BinaryClassification.Calibrators.Platt(labelColumnName: MlNetData.LabelColumn));
}
