using Microsoft.ML;
using Nad.Core.Detectors.MlNet;

namespace Nad.Core.Detectors.Supervised;

/// <summary>
/// A linear support vector machine (ML.NET LinearSvm, Pegasos-style) on standardized inputs,
/// followed by a Platt calibrator so that its margin becomes an attack probability. Linear
/// only: ML.NET has no kernel SVM, and an RBF kernel SVM costs O(n²) memory and O(n²..n³) time
/// on 125,973 rows, while the forests already capture the non-linear structure.
/// </summary>
public sealed class LinearSvmTrainer : MlNetTrainer
{
    public const string ModelName = "svm";

    private readonly int _iterations;
    private readonly double _lambda;

    public LinearSvmTrainer(TrainerSettings? settings = null) : base(settings)
    {
        Settings.RejectUnknown(ModelName, "iterations", "lambda");
        Settings.RequireAttackTarget(ModelName);
        _iterations = Settings.Int("iterations", 20, 1, 10_000);
        _lambda = Settings.Double("lambda", 0.001, 1e-9, 100);
    }

    public override string Name => ModelName;
    protected override bool Standardize => true;

    protected override IReadOnlyDictionary<string, string> ModelParameters => new Dictionary<string, string>
    {
        ["iterations"] = _iterations.ToString(),
        ["lambda"] = Invariant(_lambda),
        ["calibrator"] = "platt",
    };

    protected override IEstimator<ITransformer> BinaryPipeline(MLContext ml) =>
        ml.BinaryClassification.Trainers.LinearSvm(new Microsoft.ML.Trainers.LinearSvmTrainer.Options
        {
            NumberOfIterations = _iterations,
            Lambda = (float)_lambda,
            FeatureColumnName = MlNetData.FeaturesColumn,
            LabelColumnName = MlNetData.LabelColumn,
        }).Append(ml.BinaryClassification.Calibrators.Platt(labelColumnName: MlNetData.LabelColumn));
}
