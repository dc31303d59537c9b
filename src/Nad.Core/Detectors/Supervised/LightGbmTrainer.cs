using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;
using Nad.Core.Detectors.MlNet;
using Nad.Core.Detectors.Trees;
using Nad.Core.Features;

namespace Nad.Core.Detectors.Supervised;

/// <summary>
/// Gradient-boosted trees with LightGBM (Microsoft.ML.LightGbm). The thread count is always
/// set: on 2 shared cores LightGBM's OpenMP default spins and turns a 1 s fit into 10-35 s.
/// For <c>--target family</c>: multi-class softmax with class weights for R2L/U2R.
/// </summary>
public sealed class LightGbmTrainer : MlNetTrainer
{
    public const string ModelName = "lightgbm";

    private readonly int _iterations;
    private readonly int _leaves;
    private readonly int _minLeaf;
    private readonly double _learningRate;
    private readonly string _classWeights;

    public LightGbmTrainer(TrainerSettings? settings = null) : base(settings)
    {
        OpenMpSettings.PreferPassiveWaiting();
        Settings.RejectUnknown(ModelName, "iterations", "leaves", "min-leaf", "learning-rate", "class-weight");
        _iterations = Settings.Int("iterations", 100, 1, 10_000);
        _leaves = Settings.Int("leaves", 31, 2, 65_536);
        _minLeaf = Settings.Int("min-leaf", 20, 1, 100_000);
        _learningRate = Settings.Double("learning-rate", 0.1, 1e-6, 1);
        _classWeights = Settings.Choice("class-weight", "sqrt", ClassWeighting.Modes);
    }

    public override string Name => ModelName;
    protected override string ClassWeights => _classWeights;

    protected override IReadOnlyDictionary<string, string> ModelParameters
    {
        get
        {
            var p = new Dictionary<string, string>
            {
                ["iterations"] = _iterations.ToString(),
                ["leaves"] = _leaves.ToString(),
                ["min-leaf"] = _minLeaf.ToString(),
                ["learning-rate"] = Invariant(_learningRate),
                ["threads"] = Settings.Threads.ToString(),
            };
            if (Settings.Target == PredictionTarget.Family) p["class-weight"] = _classWeights;
            return p;
        }
    }

    protected override IEstimator<ITransformer> BinaryPipeline(MLContext ml) =>
        ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            NumberOfIterations = _iterations,
            NumberOfLeaves = _leaves,
            MinimumExampleCountPerLeaf = _minLeaf,
            LearningRate = _learningRate,
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
            NumberOfIterations = _iterations,
            NumberOfLeaves = _leaves,
            MinimumExampleCountPerLeaf = _minLeaf,
            LearningRate = _learningRate,
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
