using System.Globalization;
using Nad.Core.Features;
using Nad.Core.Records;
using Nad.Core.Thresholds;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// k-nearest-neighbour distance (PyOD's KNN, method "mean"), unsupervised: a random sample of
/// <c>reference</c> (10,000) training rows on standardized one-hot + log1p features (20,000 was
/// no better on KDDTest+ or KDDTest-21 and half as fast, docs/benchmarks.md); the score
/// is the mean distance to the <c>k</c> (5) nearest. Best with <c>--normal-only</c>. Threshold:
/// the <c>contamination</c> (0.05) percentile of the scores of up to 5,000 training rows
/// (rows outside the reference sample, or leaving each row itself out).
/// </summary>
public sealed class KnnTrainer : IDetectorTrainer
{
    public const string ModelName = "knn";
    private const int ThresholdSample = 5000;

    private readonly TrainerSettings _settings;
    private readonly int _k;
    private readonly int _reference;
    private readonly Contamination _contamination;

    public KnnTrainer(TrainerSettings? settings = null)
    {
        _settings = settings ?? TrainerSettings.Default;
        _settings.RejectUnknown(ModelName, "k", "reference", "contamination");
        _k = _settings.Int("k", 5, 1, 256);
        _reference = _settings.Int("reference", 10_000, 1, 1_000_000);
        var contamination = Contamination.Parse("contamination", _settings.Parameters.GetValueOrDefault("contamination") ?? "0.05");
        _contamination = contamination.IsAuto ? throw new ArgumentException("Parameter 'contamination' must be a fraction for knn: distances have no natural cut.") : contamination;
    }

    public string Name => ModelName;
    public bool IsSupervised => false;
    public IThresholdRule DefaultThreshold => new ContaminationRule(_contamination.Fraction!.Value);

    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["k"] = _k.ToString(CultureInfo.InvariantCulture),
        ["reference"] = _reference.ToString(CultureInfo.InvariantCulture),
        ["contamination"] = _contamination.ToString(),
        ["seed"] = _settings.Seed.ToString(CultureInfo.InvariantCulture),
    };

    public FittedModel Fit(ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (data.Count <= _k) throw new ArgumentException($"{data.Source} has {data.Count} rows; knn with k={_k} needs more than k.");
        progress?.Report(new TrainingProgress("encoding", 0.02));
        var encoder = FeatureEncoder.Fit(data.Records, new FeatureEncoderOptions { Standardize = true });
        var batch = encoder.EncodeBatch(data.Records);
        var random = new Random(_settings.Seed);
        var order = Enumerable.Range(0, data.Count).ToArray();
        random.Shuffle(order);
        var referenceCount = Math.Min(_reference, data.Count);
        var reference = new float[referenceCount * batch.Dimension];
        for (var i = 0; i < referenceCount; i++) batch.Row(order[i]).CopyTo(reference.AsSpan(i * batch.Dimension));
        var knn = new KnnDistance(reference, batch.Dimension, _k);
        cancellationToken.ThrowIfCancellationRequested();

        progress?.Report(new TrainingProgress("scoring training rows for the threshold", 0.3));
        // Rows outside the reference sample score as new rows would; without any, each reference row leaves itself out.
        var outside = order.Skip(referenceCount).Take(ThresholdSample).ToArray();
        var scores = outside.Length >= Math.Min(ThresholdSample, 100)
            ? outside.AsParallel().Select(i => knn.Score(batch.Row(i))).ToArray()
            : Enumerable.Range(0, Math.Min(referenceCount, ThresholdSample)).AsParallel().Select(r => knn.Score(knn.Reference.Slice(r * batch.Dimension, batch.Dimension), exclude: r)).ToArray();
        progress?.Report(new TrainingProgress("done", 1));
        return new FittedModel(new KnnModel(encoder, knn), scores);
    }
}
