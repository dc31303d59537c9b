using System.Globalization;
using Nad.Core.Features;
using Nad.Core.Records;
using Nad.Core.Thresholds;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// PCA reconstruction error, unsupervised: keeps the components explaining <c>variance</c> (0.95)
/// of the one-hot + log1p features, standardized by default (unscaled, two byte columns hold
/// almost all the variance). Threshold: the <c>contamination</c> (0.05) percentile of the training scores.
/// </summary>
public sealed class PcaTrainer : IDetectorTrainer
{
    public const string ModelName = "pca";

    private readonly TrainerSettings _settings;
    private readonly double _variance;
    private readonly bool _standardize;
    private readonly Contamination _contamination;

    public PcaTrainer(TrainerSettings? settings = null)
    {
        _settings = settings ?? TrainerSettings.Default;
        _settings.RejectUnknown(ModelName, "variance", "standardize", "contamination");
        _variance = _settings.Double("variance", 0.95, 1e-6, 1);
        _standardize = _settings.Parameters.GetValueOrDefault("standardize") switch
        {
            null or "true" => true,
            "false" => false,
            var other => throw new ArgumentException($"Parameter 'standardize' is '{other}'; expected true or false."),
        };
        var contamination = Contamination.Parse("contamination", _settings.Parameters.GetValueOrDefault("contamination") ?? "0.05");
        _contamination = contamination.IsAuto ? throw new ArgumentException("Parameter 'contamination' must be a fraction for pca: reconstruction errors have no natural cut.") : contamination;
    }

    public string Name => ModelName;
    public bool IsSupervised => false;
    public IThresholdRule DefaultThreshold => new ContaminationRule(_contamination.Fraction!.Value);

    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["variance"] = _variance.ToString(CultureInfo.InvariantCulture),
        ["standardize"] = _standardize ? "true" : "false",
        ["contamination"] = _contamination.ToString(),
    };

    public FittedModel Fit(ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Report(new TrainingProgress("encoding", 0.02));
        var encoder = FeatureEncoder.Fit(data.Records, new FeatureEncoderOptions { Standardize = _standardize });
        var batch = encoder.EncodeBatch(data.Records);
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new TrainingProgress("covariance and eigendecomposition", 0.3));
        var components = PrincipalComponents.Fit(batch.Values, batch.Rows, batch.Dimension, _variance);
        progress?.Report(new TrainingProgress($"kept {components.Count} of {batch.Dimension} components; scoring training rows", 0.8));
        var trainingScores = PcaModel.Errors(components, batch.Values);
        progress?.Report(new TrainingProgress("done", 1));
        return new FittedModel(new PcaModel(encoder, components), trainingScores);
    }
}
