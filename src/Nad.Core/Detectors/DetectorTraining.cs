using Nad.Core.Evaluation;
using Nad.Core.Explanations;
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

    /// <summary>
    /// When set, the threshold flags this share of the held-out normal rows (an alert budget),
    /// for any model, instead of maximizing F1 or taking the model's own threshold. Needs labels.
    /// </summary>
    public double? TargetFalsePositiveRate { get; init; }

    /// <summary>A model's own threshold that flags less than this share of the rows it was checked on draws a warning.</summary>
    public double LowAlertRateWarning { get; init; } = 0.01;

    public static TrainingOptions Default { get; } = new();
}

/// <summary>
/// Trains a <see cref="Detector"/>: fits on most of the training rows, chooses the threshold on
/// the held-out rest (never on a test file), measures it there, then refits on all rows.
/// </summary>
public static class DetectorTraining
{
    private const int AlertRateSample = 5000;

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
            if (options.TargetFalsePositiveRate is not null)
                throw new ArgumentException($"{data.Source} has no labels: a target false-positive rate needs labelled normal rows to measure it on.");
            return TrainWithoutLabels(trainer, data, dataInfo, options, progress, cancellationToken);
        }

        var labels = data.RequireLabels();
        if (trainer.IsSupervised && (labels.All(l => l.IsAttack) || labels.All(l => !l.IsAttack)))
            throw new ArgumentException($"{data.Source} has only one class; a supervised model needs both normal and attack rows.");
        if (options.TargetFalsePositiveRate is not null && labels.All(l => l.IsAttack))
            throw new ArgumentException($"{data.Source} has no normal rows to measure a false-positive rate on.");

        var (trainRows, validationRows) = StratifiedSplit.TrainHoldout(labels, options.ValidationFraction, options.Seed);
        var fitShare = options.Refit ? 0.45 : 0.9;
        var model = trainer.Fit(data.Subset(trainRows), new ProgressSlice(progress, 0, fitShare, "fit on training split"), cancellationToken);

        progress?.Report(new TrainingProgress("choosing threshold on held-out rows", fitShare));
        var validation = data.Subset(validationRows);
        var truth = validation.RequireLabels().Select(l => l.IsAttack).ToArray();
        var scores = model.Score(validation.Records);
        var held = $"{validationRows.Length} held-out training rows ({options.ValidationFraction:P0}, stratified)";
        var (threshold, rule, fromModel) = (options.TargetFalsePositiveRate, model.ProposedThreshold) switch
        {
            ({ } fpr, _) => (ThresholdSelector.ForFalsePositiveRate(truth, scores, fpr), $"flags {fpr:P2} of the normal rows among {held}", false),
            (null, { } proposed) => (proposed, "proposed by the model", true),
            _ => (ThresholdSelector.MaxF1(truth, scores), $"maximizes F1 on {held}", false),
        };
        var metrics = BinaryMetrics.Compute(truth, scores, threshold);
        var warnings = fromModel ? LowAlertRateWarnings(scores, threshold, "held-out training rows", options, canUseLabels: true) : [];

        if (options.Refit)
        {
            cancellationToken.ThrowIfCancellationRequested();
            model = trainer.Fit(data, new ProgressSlice(progress, fitShare + 0.05, 1, "refit on all rows"), cancellationToken);
            if (fromModel && model.ProposedThreshold is { } refitProposed) threshold = refitProposed;
        }
        progress?.Report(new TrainingProgress("done", 1));
        return new Detector(Manifest(trainer, dataInfo, threshold, rule, metrics, warnings) with { Target = TargetOf(model) }, model)
        {
            Baseline = NormalBaseline.Learn(data),
        };
    }

    private static Detector TrainWithoutLabels(IDetectorTrainer trainer, ConnectionDataset data, TrainingDataInfo dataInfo,
        TrainingOptions options, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var model = trainer.Fit(data, new ProgressSlice(progress, 0, 0.8), cancellationToken);
        var threshold = model.ProposedThreshold
            ?? throw new InvalidOperationException($"Model '{trainer.Name}' proposes no threshold and the data has no labels to choose one.");
        progress?.Report(new TrainingProgress("checking the alert rate on the training rows", 0.85));
        // A sample is enough to tell "almost nothing" from a usable alert rate, and keeps slow scorers (knn) cheap.
        var sample = data.Count <= AlertRateSample ? data.Records
            : new Random(options.Seed).GetItems(data.Records.ToArray(), AlertRateSample);
        var warnings = LowAlertRateWarnings(model.Score(sample), threshold, "training rows", options, canUseLabels: false);
        progress?.Report(new TrainingProgress("done", 1));
        return new Detector(Manifest(trainer, dataInfo, threshold, "proposed by the model (no labels)", null, warnings) with { Target = TargetOf(model) }, model)
        {
            Baseline = NormalBaseline.Learn(data),
        };
    }

    /// <summary>
    /// A model's own cut (an Isolation Forest's 0.5) can flag almost nothing when attacks are
    /// common in the training rows: the dense attack clusters look normal. Say so, and say what to do.
    /// </summary>
    private static string[] LowAlertRateWarnings(double[] scores, double threshold, string rows, TrainingOptions options, bool canUseLabels)
    {
        var flagged = scores.Count(s => s >= threshold) / (double)Math.Max(1, scores.Length);
        if (flagged >= options.LowAlertRateWarning) return [];
        var labelHint = canUseLabels ? " or a false-positive rate on held-out normal rows (--target-fpr 0.02)" : "";
        return [$"The model's own threshold {threshold:0.####} flags only {flagged:P2} of the {rows}. If attacks are more common than that, " +
                $"choose an alert rate (--param contamination=0.05){labelHint}."];
    }

    private static string TargetOf(IScoringModel model) => model is IFamilyClassifier ? "family" : "attack";

    private static ModelManifest Manifest(IDetectorTrainer trainer, TrainingDataInfo dataInfo, double threshold, string rule, BinaryMetrics? metrics, string[] warnings) => new()
    {
        Model = trainer.Name,
        Supervised = trainer.IsSupervised,
        CreatedUtc = DateTimeOffset.UtcNow,
        TrainingData = dataInfo,
        Parameters = trainer.Parameters,
        Threshold = threshold,
        ThresholdRule = rule,
        ValidationMetrics = metrics,
        Warnings = warnings,
    };
}
