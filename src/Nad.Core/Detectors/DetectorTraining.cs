using Nad.Core.Evaluation;
using Nad.Core.ModelFiles;
using Nad.Core.Records;

namespace Nad.Core.Detectors;

/// <summary>How a detector is trained end to end.</summary>
public sealed record TrainingOptions
{
    /// <summary>Share of the training rows held out (stratified) to choose the threshold on.</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>After choosing the threshold, fit again on all rows (default) rather than keep the smaller fit.</summary>
    public bool Refit { get; init; } = true;

    public int Seed { get; init; } = 42;

    public static TrainingOptions Default { get; } = new();
}

/// <summary>
/// Trains a <see cref="Detector"/>: fits on most of the training rows, chooses the threshold on
/// the held-out rest (never on a test file), measures it there, then refits on all rows.
/// </summary>
public static class DetectorTraining
{
    public static Detector Train(
        IDetectorTrainer trainer,
        ConnectionDataset data,
        TrainingDataInfo dataInfo,
        TrainingOptions? options = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options ??= TrainingOptions.Default;
        if (data.Count == 0) throw new ArgumentException($"{data.Source} has no records to train on.");
        if (!data.HasLabels)
        {
            if (trainer.IsSupervised) data.RequireLabels();
            return TrainWithoutLabels(trainer, data, dataInfo, progress, cancellationToken);
        }

        var labels = data.RequireLabels();
        if (trainer.IsSupervised && (labels.All(l => l.IsAttack) || labels.All(l => !l.IsAttack)))
            throw new ArgumentException($"{data.Source} has only one class; a supervised model needs both normal and attack rows.");

        var (trainRows, validationRows) = StratifiedSplit.TrainHoldout(labels, options.ValidationFraction, options.Seed);
        var fitShare = options.Refit ? 0.45 : 0.9;
        var model = trainer.Fit(data.Subset(trainRows), new ProgressSlice(progress, 0, fitShare, "fit on training split"), cancellationToken);

        progress?.Report(new TrainingProgress("choosing threshold on held-out rows", fitShare));
        var validation = data.Subset(validationRows);
        var truth = validation.RequireLabels().Select(l => l.IsAttack).ToArray();
        var scores = model.Score(validation.Records);
        var (threshold, rule) = model.ProposedThreshold is { } proposed
            ? (proposed, "proposed by the model")
            : (ThresholdSelector.MaxF1(truth, scores), $"maximizes F1 on {validationRows.Length} held-out training rows ({options.ValidationFraction:P0}, stratified)");
        var metrics = BinaryMetrics.Compute(truth, scores, threshold);

        if (options.Refit)
        {
            cancellationToken.ThrowIfCancellationRequested();
            model = trainer.Fit(data, new ProgressSlice(progress, fitShare + 0.05, 1, "refit on all rows"), cancellationToken);
            if (model.ProposedThreshold is { } refitProposed) threshold = refitProposed;
        }
        progress?.Report(new TrainingProgress("done", 1));
        return new Detector(Manifest(trainer, dataInfo, threshold, rule, metrics), model);
    }

    private static Detector TrainWithoutLabels(IDetectorTrainer trainer, ConnectionDataset data, TrainingDataInfo dataInfo,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var model = trainer.Fit(data, progress, cancellationToken);
        var threshold = model.ProposedThreshold
            ?? throw new InvalidOperationException($"Model '{trainer.Name}' proposes no threshold and the data has no labels to choose one.");
        return new Detector(Manifest(trainer, dataInfo, threshold, "proposed by the model (no labels)", null), model);
    }

    private static ModelManifest Manifest(IDetectorTrainer trainer, TrainingDataInfo dataInfo, double threshold, string rule, BinaryMetrics? metrics) => new()
    {
        Model = trainer.Name,
        Supervised = trainer.IsSupervised,
        CreatedUtc = DateTimeOffset.UtcNow,
        TrainingData = dataInfo,
        Parameters = trainer.Parameters,
        Threshold = threshold,
        ThresholdRule = rule,
        ValidationMetrics = metrics,
    };
}
