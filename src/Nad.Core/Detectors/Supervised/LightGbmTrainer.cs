using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;
using Nad.Core.Detectors.MlNet;
using Nad.Core.Detectors.Trees;
using Nad.Core.Features;
using static Nad.Core.Detectors.ParameterDeclaration;

namespace Nad.Core.Detectors.Supervised;

/// <summary>
/// Gradient-boosted trees with LightGBM (Microsoft.ML.LightGbm). The thread count is always
/// set: on 2 shared cores LightGBM's OpenMP default spins and turns a 1 s fit into 10-35 s.
/// For the family target: multi-class softmax with class weights for R2L/U2R.
/// </summary>
public sealed class LightGbmTrainer : MlNetTrainer
{
    public const string ModelName = "lightgbm";

    public static TrainerDeclaration Declaration { get; } = new(ModelName, [PredictionTarget.Attack, PredictionTarget.Family],
        Int("iterations", 100, 1, 10_000, "boosting rounds"),
        TreeParameters.Leaves(31),
        TreeParameters.MinLeaf(20),
        TreeParameters.LearningRate(0.1),
        ClassWeighting.Parameter);

    public LightGbmTrainer(TrainerSettings? settings = null) : base(settings, Declaration) => OpenMpSettings.PreferPassiveWaiting();

    protected override string ClassWeights => Values.Text("class-weight");
    protected override IEnumerable<(string Name, string Value)> Extras => [("threads", Settings.Threads.ToString(CultureInfo.InvariantCulture))];

    protected override IEstimator<ITransformer> BinaryPipeline(MLContext ml) =>
        ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            NumberOfIterations = Values.Int("iterations"),
            NumberOfLeaves = Values.Int("leaves"),
            MinimumExampleCountPerLeaf = Values.Int("min-leaf"),
            LearningRate = Values.Real("learning-rate"),
            NumberOfThreads = Settings.Threads,
            Seed = Settings.Seed,
            Verbose = false,
            Silent = true,
            FeatureColumnName = MlNetData.FeaturesColumn,
            LabelColumnName = MlNetData.LabelColumn,
        });

    // Binary models score through NAD's flat trees with ML.NET's own calibrator; family models stay ML.NET's.
    protected override IScoringModel BinaryModel(MLContext ml, ITransformer model, FeatureEncoder encoder, EncodedBatch batch, bool[] truth) =>
        MlNetTreeExport.Calibrated<LightGbmBinaryModelParameters>(model, encoder);

    protected override IEstimator<ITransformer> FamilyPipeline(MLContext ml) =>
        ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
        {
            NumberOfIterations = Values.Int("iterations"),
            NumberOfLeaves = Values.Int("leaves"),
            MinimumExampleCountPerLeaf = Values.Int("min-leaf"),
            LearningRate = Values.Real("learning-rate"),
            NumberOfThreads = Settings.Threads,
            Seed = Settings.Seed,
            UseSoftmax = true,
            Verbose = false,
            Silent = true,
            FeatureColumnName = MlNetData.FeaturesColumn,
            LabelColumnName = MlNetData.LabelColumn,
            ExampleWeightColumnName = MlNetData.WeightColumn,
        });
}
