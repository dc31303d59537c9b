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
public sealed class DecisionTreeTrainer(TrainerSettings? settings = null) : MlNetTrainer(settings, Declaration)
{
    public const string ModelName = "decision-tree";

    public static TrainerDeclaration Declaration { get; } = new(ModelName, [PredictionTarget.Attack], TreeParameters.Leaves(128), TreeParameters.MinLeaf(2));

    protected override IEnumerable<(string Name, string Value)> Extras => [("trees", "1")];

    protected override IEstimator<ITransformer> BinaryPipeline(MLContext ml) =>
        ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = 1,
            NumberOfLeaves = Values.Int("leaves"),
            MinimumExampleCountPerLeaf = Values.Int("min-leaf"),
            LearningRate = 1,
            NumberOfThreads = Settings.Threads,
            Seed = Settings.Seed,
            FeatureColumnName = MlNetData.FeaturesColumn,
            LabelColumnName = MlNetData.LabelColumn,
        });
}
