using Microsoft.ML;
using Microsoft.ML.Trainers;
using Nad.Core.Detectors.MlNet;
using Nad.Core.Features;
using Nad.Core.Records;
using Nad.Core.Thresholds;
using static Nad.Core.Detectors.ParameterDeclaration;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// ML.NET's only tabular anomaly detector, RandomizedPca (randomized SVD, reconstruction error),
/// as a baseline for NAD's own detectors: standardized one-hot + log1p features, <c>rank</c>
/// components (20). Threshold: the <c>contamination</c> (0.05) percentile of the training scores.
/// </summary>
public sealed class RandomizedPcaTrainer(TrainerSettings? settings = null) : DeclaredTrainer(Declaration, settings)
{
    public const string ModelName = "randomized-pca";

    public static TrainerDeclaration Declaration { get; } = new(ModelName, [PredictionTarget.Attack],
        Int("rank", 20, 1, 10_000, "components of the randomized SVD"),
        Int("oversampling", 20, 0, 10_000, "extra random directions for accuracy"),
        ContaminationParameter.Declare("0.05", allowAuto: false));

    public override bool IsSupervised => false;
    public override IThresholdRule DefaultThreshold => ContaminationParameter.Rule(Values);

    public override FittedModel Fit(ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Report(new TrainingProgress("encoding", 0.02));
        var encoder = FeatureEncoder.Fit(data.Records, new FeatureEncoderOptions { Standardize = true });
        var batch = encoder.EncodeBatch(data.Records);
        var ml = new MLContext(Values.Settings.Seed);
        var rank = Math.Min(Values.Int("rank"), batch.Dimension);
        var trainer = ml.AnomalyDetection.Trainers.RandomizedPca(new Microsoft.ML.Trainers.RandomizedPcaTrainer.Options
        {
            FeatureColumnName = nameof(MlNetData.Row.Features),
            Rank = rank,
            Oversampling = Values.Int("oversampling"),
            EnsureZeroMean = true,
            Seed = Values.Settings.Seed,
        });
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new TrainingProgress($"randomized PCA, rank {rank}", 0.2));
        var transformer = trainer.Fit(MlNetData.ToDataView(ml, batch));
        var model = new MlNetAnomalyModel(ml, transformer, encoder);
        progress?.Report(new TrainingProgress("scoring training rows", 0.8));
        var trainingScores = model.Score(batch);
        progress?.Report(new TrainingProgress("done", 1));
        return new FittedModel(model, trainingScores);
    }
}
