using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Nad.Core.Detectors.MlNet;
using Nad.Core.Detectors.Trees;
using Nad.Core.Features;

namespace Nad.Core.Detectors.Supervised;

/// <summary>
/// Gradient-boosted trees (ML.NET FastTree, MART), which calibrates its own probabilities; the
/// trees and that calibrator are then scored by NAD's flat trees (<see cref="MlNetTreeExport"/>).
/// </summary>
public sealed class GradientBoostingTrainer : MlNetTrainer
{
    public const string ModelName = "gradient-boosting";

    private readonly int _trees;
    private readonly int _leaves;
    private readonly int _minLeaf;
    private readonly double _learningRate;

    public GradientBoostingTrainer(TrainerSettings? settings = null) : base(settings)
    {
        Settings.RejectUnknown(ModelName, "trees", "leaves", "min-leaf", "learning-rate");
        Settings.RequireAttackTarget(ModelName);
        _trees = Settings.Int("trees", 100, 1, 10_000);
        _leaves = Settings.Int("leaves", 20, 2, 65_536);
        _minLeaf = Settings.Int("min-leaf", 10, 1, 100_000);
        _learningRate = Settings.Double("learning-rate", 0.2, 1e-6, 1);
    }

    public override string Name => ModelName;

    protected override IReadOnlyDictionary<string, string> ModelParameters => new Dictionary<string, string>
    {
        ["trees"] = _trees.ToString(),
        ["leaves"] = _leaves.ToString(),
        ["min-leaf"] = _minLeaf.ToString(),
        ["learning-rate"] = Invariant(_learningRate),
    };

    protected override IEstimator<ITransformer> BinaryPipeline(MLContext ml) =>
        ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = _trees,
            NumberOfLeaves = _leaves,
            MinimumExampleCountPerLeaf = _minLeaf,
            LearningRate = _learningRate,
            NumberOfThreads = Settings.Threads,
            Seed = Settings.Seed,
            FeatureColumnName = MlNetData.FeaturesColumn,
            LabelColumnName = MlNetData.LabelColumn,
        });

    protected override IScoringModel BinaryModel(MLContext ml, ITransformer model, FeatureEncoder encoder, EncodedBatch batch, bool[] truth) =>
        MlNetTreeExport.Calibrated<FastTreeBinaryModelParameters>(model, encoder);
}
