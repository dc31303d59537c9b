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
public sealed class GradientBoostingTrainer(TrainerSettings? settings = null) : MlNetTrainer(settings, Declaration)
{
    public const string ModelName = "gradient-boosting";

    public static TrainerDeclaration Declaration { get; } = new(ModelName, [PredictionTarget.Attack],
        TreeParameters.Trees(100), TreeParameters.Leaves(20), TreeParameters.MinLeaf(10), TreeParameters.LearningRate(0.2));


    protected override IEstimator<ITransformer> BinaryPipeline(MLContext ml) =>
        ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = Values.Int("trees"),
            NumberOfLeaves = Values.Int("leaves"),
            MinimumExampleCountPerLeaf = Values.Int("min-leaf"),
            LearningRate = Values.Real("learning-rate"),
            NumberOfThreads = Settings.Threads,
            Seed = Settings.Seed,
            FeatureColumnName = MlNetData.FeaturesColumn,
            LabelColumnName = MlNetData.LabelColumn,
        });

    protected override IScoringModel BinaryModel(MLContext ml, ITransformer model, FeatureEncoder encoder, EncodedBatch batch, bool[] truth) =>
        MlNetTreeExport.Calibrated<FastTreeBinaryModelParameters>(model, encoder);
}
