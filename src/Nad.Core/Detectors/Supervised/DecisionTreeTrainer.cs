using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Nad.Core.Detectors.MlNet;

namespace Nad.Core.Detectors.Supervised;

/// <summary>
/// One readable decision tree: ML.NET FastTree limited to a single tree. For a 0/1 label the
/// first boosting tree is a regression tree on the label's gradient, so its split criterion
/// (variance reduction) is CART's Gini gain up to a constant; growing it with learning rate 1
/// gives a CART-like tree without hand-written code, saved and loaded like every ML.NET
/// model, and FastTree's Platt calibrator turns leaf values into probabilities.
/// <see cref="TreeRules"/> prints it as rules (<c>nad explain-model</c>).
/// </summary>
public sealed class DecisionTreeTrainer : MlNetTrainer
{
    public const string ModelName = "decision-tree";

    private readonly int _leaves;
    private readonly int _minLeaf;

    public DecisionTreeTrainer(TrainerSettings? settings = null) : base(settings)
    {
        Settings.RejectUnknown(ModelName, "leaves", "min-leaf");
        Settings.RequireAttackTarget(ModelName);
        _leaves = Settings.Int("leaves", 128, 2, 65_536);
        _minLeaf = Settings.Int("min-leaf", 2, 1, 100_000);
    }

    public override string Name => ModelName;

    protected override IReadOnlyDictionary<string, string> ModelParameters => new Dictionary<string, string>
    {
        ["leaves"] = _leaves.ToString(),
        ["min-leaf"] = _minLeaf.ToString(),
        ["trees"] = "1",
    };

    protected override IEstimator<ITransformer> BinaryPipeline(MLContext ml) =>
        ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = 1,
            NumberOfLeaves = _leaves,
            MinimumExampleCountPerLeaf = _minLeaf,
            LearningRate = 1,
            NumberOfThreads = Settings.Threads,
            Seed = Settings.Seed,
            FeatureColumnName = MlNetData.FeaturesColumn,
            LabelColumnName = MlNetData.LabelColumn,
        });
}
