using Nad.Core.Features;
using Nad.Core.Records;
using Nad.Core.Thresholds;
using static Nad.Core.Detectors.ParameterDeclaration;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// k-nearest-neighbour distance (PyOD's KNN, method "mean"), unsupervised: a random sample of
/// <c>reference</c> (10,000) training rows on standardized one-hot + log1p features (20,000 was
/// no better on KDDTest+ or KDDTest-21 and half as fast, docs/benchmarks.md); the score
/// is the mean distance to the <c>k</c> (5) nearest. Best trained on normal rows only. Threshold:
/// the <c>contamination</c> (0.05) percentile of the scores of up to 5,000 training rows
/// (rows outside the reference sample, or leaving each row itself out).
/// </summary>
public sealed class KnnTrainer(TrainerSettings? settings = null) : DeclaredTrainer(Declaration, settings)
{
    public const string ModelName = "knn";
    private const int ThresholdSample = 5000;

    public static TrainerDeclaration Declaration { get; } = new(ModelName, [PredictionTarget.Attack],
        Int("k", 5, 1, 256, "neighbours whose mean distance is the score"),
        Int("reference", 10_000, 1, 1_000_000, "training rows sampled as the reference set"),
        ContaminationParameter.Declare("0.05", allowAuto: false));

    public override bool IsSupervised => false;

    /// <summary>Distances have no natural cut: always a contamination share.</summary>
    public override IThresholdRule DefaultThreshold => ContaminationParameter.Rule(Values);

    private int K => Values.Int("k");

    public override FittedModel Fit(ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (data.Count <= K) throw new ArgumentException($"{data.Source} has {data.Count} rows; knn with k={K} needs more than k.");
        progress?.Report(new TrainingProgress("encoding", 0.02));
        var encoder = FeatureEncoder.Fit(data.Records, new FeatureEncoderOptions { Standardize = true });
        var batch = encoder.EncodeBatch(data.Records);
        var random = new Random(Values.Settings.Seed);
        var order = Enumerable.Range(0, data.Count).ToArray();
        random.Shuffle(order);
        var referenceCount = Math.Min(Values.Int("reference"), data.Count);
        var reference = new float[referenceCount * batch.Dimension];
        for (var i = 0; i < referenceCount; i++) batch.Row(order[i]).CopyTo(reference.AsSpan(i * batch.Dimension));
        var knn = new KnnDistance(reference, batch.Dimension, K);
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
