using Nad.Core.Features;
using Nad.Core.Records;
using Nad.Core.Thresholds;
using static Nad.Core.Detectors.ParameterDeclaration;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// PCA reconstruction error, unsupervised: keeps the components explaining <c>variance</c> (0.95)
/// of the one-hot + log1p features, standardized by default (unscaled, two byte columns hold
/// almost all the variance). Threshold: the <c>contamination</c> (0.05) percentile of the training scores.
/// </summary>
public sealed class PcaTrainer(TrainerSettings? settings = null) : DeclaredTrainer(Declaration, settings)
{
    public const string ModelName = "pca";

    public static TrainerDeclaration Declaration { get; } = new(ModelName, [PredictionTarget.Attack],
        Real("variance", 0.95, 1e-6, 1, "share of the variance the kept components explain"),
        Bool("standardize", true, "z-score the encoded columns first"),
        ContaminationParameter.Declare("0.05", allowAuto: false));

    public override bool IsSupervised => false;

    /// <summary>Reconstruction errors have no natural cut: always a contamination share.</summary>
    public override IThresholdRule DefaultThreshold => ContaminationParameter.Rule(Values);

    // PCA draws nothing at random: no seed to show.
    protected override IEnumerable<(string Name, string Value)> Extras => [];

    public override FittedModel Fit(ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Report(new TrainingProgress("encoding", 0.02));
        var encoder = FeatureEncoder.Fit(data.Records, new FeatureEncoderOptions { Standardize = Values.Bool("standardize") });
        var batch = encoder.EncodeBatch(data.Records);
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new TrainingProgress("covariance and eigendecomposition", 0.3));
        var components = PrincipalComponents.Fit(batch.Values, batch.Rows, batch.Dimension, Values.Real("variance"));
        progress?.Report(new TrainingProgress($"kept {components.Count} of {batch.Dimension} components; scoring training rows", 0.8));
        var trainingScores = PcaModel.Errors(components, batch.Values);
        progress?.Report(new TrainingProgress("done", 1));
        return new FittedModel(new PcaModel(encoder, components), trainingScores);
    }
}
