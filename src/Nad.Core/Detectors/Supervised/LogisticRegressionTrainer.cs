using Microsoft.ML;
using Microsoft.ML.Trainers;
using Nad.Core.Detectors.MlNet;

namespace Nad.Core.Detectors.Supervised;

/// <summary>
/// Logistic regression (ML.NET L-BFGS) on standardized inputs. Unscaled, the byte counts
/// dominate and the reference project's model fell to the majority class (53.46%); with
/// log1p + standardization it learns. For <c>--target family</c>: multinomial (maximum entropy)
/// with class weights for the rare R2L/U2R families.
/// </summary>
public sealed class LogisticRegressionTrainer : MlNetTrainer
{
    public const string ModelName = "logistic-regression";

    private readonly double _l2;
    private readonly double _l1;
    private readonly int _iterations;
    private readonly string _classWeights;

    public LogisticRegressionTrainer(TrainerSettings? settings = null) : base(settings)
    {
        Settings.RejectUnknown(ModelName, "l2", "l1", "iterations", "class-weight");
        _l2 = Settings.Double("l2", 1, 0, 1e6);
        _l1 = Settings.Double("l1", 0, 0, 1e6);
        _iterations = Settings.Int("iterations", 200, 1, 100_000);
        _classWeights = Settings.Choice("class-weight", "sqrt", ClassWeighting.Modes);
    }

    public override string Name => ModelName;
    protected override bool Standardize => true;
    protected override string ClassWeights => _classWeights;

    protected override IReadOnlyDictionary<string, string> ModelParameters
    {
        get
        {
            var p = new Dictionary<string, string> { ["l2"] = Invariant(_l2), ["l1"] = Invariant(_l1), ["iterations"] = _iterations.ToString() };
            if (Settings.Target == PredictionTarget.Family) p["class-weight"] = _classWeights;
            return p;
        }
    }

    protected override IEstimator<ITransformer> BinaryPipeline(MLContext ml) =>
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            L2Regularization = (float)_l2,
            L1Regularization = (float)_l1,
            MaximumNumberOfIterations = _iterations,
            NumberOfThreads = Settings.Threads,
            FeatureColumnName = MlNetData.FeaturesColumn,
            LabelColumnName = MlNetData.LabelColumn,
        });

    protected override IEstimator<ITransformer> FamilyPipeline(MLContext ml) =>
        ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            L2Regularization = (float)_l2,
            L1Regularization = (float)_l1,
            MaximumNumberOfIterations = _iterations,
            NumberOfThreads = Settings.Threads,
            FeatureColumnName = MlNetData.FeaturesColumn,
            LabelColumnName = MlNetData.LabelColumn,
            ExampleWeightColumnName = MlNetData.WeightColumn,
        });
}
