using Microsoft.ML;
using Nad.Core.Detectors.MlNet;
using static Nad.Core.Detectors.ParameterDeclaration;

namespace Nad.Core.Detectors.Supervised;

/// <summary>
/// A linear support vector machine (ML.NET LinearSvm, Pegasos-style) on standardized inputs,
/// followed by a Platt calibrator so that its margin becomes an attack probability. Linear
/// only: ML.NET has no kernel SVM, and an RBF kernel SVM costs O(n²) memory and O(n²..n³) time
/// on 125,973 rows, while the forests already capture the non-linear structure.
/// </summary>
public sealed class LinearSvmTrainer(TrainerSettings? settings = null) : MlNetTrainer(settings, Declaration)
{
    public const string ModelName = "svm";

    public static TrainerDeclaration Declaration { get; } = new(ModelName, [PredictionTarget.Attack],
        Int("iterations", 20, 1, 10_000, "passes over the training rows"),
        Real("lambda", 0.001, 1e-9, 100, "regularization strength"));

    protected override bool Standardize => true;
    protected override IEnumerable<(string Name, string Value)> Extras => [("calibrator", "platt")];

    protected override IEstimator<ITransformer> BinaryPipeline(MLContext ml) =>
        ml.BinaryClassification.Trainers.LinearSvm(new Microsoft.ML.Trainers.LinearSvmTrainer.Options
        {
            NumberOfIterations = Values.Int("iterations"),
            Lambda = (float)Values.Real("lambda"),
            FeatureColumnName = MlNetData.FeaturesColumn,
            LabelColumnName = MlNetData.LabelColumn,
        }).Append(ml.BinaryClassification.Calibrators.Platt(labelColumnName: MlNetData.LabelColumn));
}
