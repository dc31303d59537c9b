using Microsoft.ML;
using Microsoft.ML.Trainers;
using Nad.Core.Detectors.MlNet;
using static Nad.Core.Detectors.ParameterDeclaration;

namespace Nad.Core.Detectors.Supervised;

/// <summary>
/// Logistic regression (ML.NET L-BFGS) on standardized inputs. Unscaled, the byte counts
/// dominate and the reference project's model fell to the majority class (53.46%); with
/// log1p + standardization it learns. For the family target: multinomial (maximum entropy)
/// with class weights for the rare R2L/U2R families.
/// </summary>
public sealed class LogisticRegressionTrainer(TrainerSettings? settings = null) : MlNetTrainer(settings, Declaration)
{
    public const string ModelName = "logistic-regression";

    public static TrainerDeclaration Declaration { get; } = new(ModelName, [PredictionTarget.Attack, PredictionTarget.Family],
        Real("l2", 1, 0, 1e6, "L2 penalty on the weights"),
        Real("l1", 0, 0, 1e6, "L1 penalty on the weights"),
        Int("iterations", 200, 1, 100_000, "L-BFGS iterations at most"),
        ClassWeighting.Parameter);

    protected override bool Standardize => true;
    protected override string ClassWeights => Values.Text("class-weight");

    protected override IEstimator<ITransformer> BinaryPipeline(MLContext ml) =>
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            L2Regularization = (float)Values.Real("l2"),
            L1Regularization = (float)Values.Real("l1"),
            MaximumNumberOfIterations = Values.Int("iterations"),
            NumberOfThreads = Settings.Threads,
            FeatureColumnName = MlNetData.FeaturesColumn,
            LabelColumnName = MlNetData.LabelColumn,
        });

    protected override IEstimator<ITransformer> FamilyPipeline(MLContext ml) =>
        ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            L2Regularization = (float)Values.Real("l2"),
            L1Regularization = (float)Values.Real("l1"),
            MaximumNumberOfIterations = Values.Int("iterations"),
            NumberOfThreads = Settings.Threads,
            FeatureColumnName = MlNetData.FeaturesColumn,
            LabelColumnName = MlNetData.LabelColumn,
            ExampleWeightColumnName = MlNetData.WeightColumn,
        });
}
