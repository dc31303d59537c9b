using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Nad.Core.Detectors.MlNet;
using Nad.Core.Features;
using Nad.Core.Records;
using Nad.Core.Thresholds;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// ML.NET's only tabular anomaly detector, RandomizedPca (randomized SVD, reconstruction error),
/// as a baseline for NAD's own detectors: standardized one-hot + log1p features, <c>rank</c>
/// components (20). Threshold: the <c>contamination</c> (0.05) percentile of the training scores.
/// </summary>
public sealed class RandomizedPcaTrainer : IDetectorTrainer
{
    public const string ModelName = "randomized-pca";

    private readonly TrainerSettings _settings;
    private readonly int _rank;
    private readonly int _oversampling;
    private readonly Contamination _contamination;

    public RandomizedPcaTrainer(TrainerSettings? settings = null)
    {
        _settings = settings ?? TrainerSettings.Default;
        _settings.RejectUnknown(ModelName, "rank", "oversampling", "contamination");
        _rank = _settings.Int("rank", 20, 1, 10_000);
        _oversampling = _settings.Int("oversampling", 20, 0, 10_000);
        var contamination = Contamination.Parse("contamination", _settings.Parameters.GetValueOrDefault("contamination") ?? "0.05");
        _contamination = contamination.IsAuto ? throw new ArgumentException("Parameter 'contamination' must be a fraction for randomized-pca.") : contamination;
    }

    public string Name => ModelName;
    public bool IsSupervised => false;
    public IThresholdRule DefaultThreshold => new ContaminationRule(_contamination.Fraction!.Value);

    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["rank"] = _rank.ToString(CultureInfo.InvariantCulture),
        ["oversampling"] = _oversampling.ToString(CultureInfo.InvariantCulture),
        ["contamination"] = _contamination.ToString(),
        ["seed"] = _settings.Seed.ToString(CultureInfo.InvariantCulture),
    };

    public FittedModel Fit(ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Report(new TrainingProgress("encoding", 0.02));
        var encoder = FeatureEncoder.Fit(data.Records, new FeatureEncoderOptions { Standardize = true });
        var batch = encoder.EncodeBatch(data.Records);
        var ml = new MLContext(_settings.Seed);
        var rank = Math.Min(_rank, batch.Dimension);
        var trainer = ml.AnomalyDetection.Trainers.RandomizedPca(new Microsoft.ML.Trainers.RandomizedPcaTrainer.Options
        {
            FeatureColumnName = nameof(MlNetData.Row.Features),
            Rank = rank,
            Oversampling = _oversampling,
            EnsureZeroMean = true,
            Seed = _settings.Seed,
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
