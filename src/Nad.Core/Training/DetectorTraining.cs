using Nad.Core.Detectors;
using Nad.Core.Drift;
using Nad.Core.Evaluation;
using Nad.Core.Explanations;
using Nad.Core.Records;
using Nad.Core.Thresholds;

namespace Nad.Core.Training;

/// <summary>
/// Trains a <see cref="Detector"/>: resolves the threshold rule (the user's, else the trainer's
/// default), runs the <see cref="ThresholdedFit"/> (never on a test file), and writes down what it
/// did: the manifest with the threshold's selection and metrics, warnings, and the normal baseline.
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
        var rule = ThresholdedFit.RuleFor(trainer, options);
        var fitted = ThresholdedFit.Run(trainer, rule, data, options, progress, cancellationToken);
        // A model's own cut (fixed, or a share of the training rows) is checked on the rows it was measured on.
        var warnings = rule.NeedsLabels ? []
            : fitted.HeldOut is { } heldOut ? LowAlertRateWarnings(heldOut.Scores, heldOut.Threshold, "held-out training rows", options, trainer, canUseLabels: true)
            : AlertRateWithoutLabels(trainer, fitted, data, options, progress);
        progress?.Report(new TrainingProgress("done", 1));
        var manifest = new ModelManifest
        {
            Model = trainer.Name,
            Supervised = trainer.IsSupervised,
            Target = fitted.Model is IFamilyClassifier ? "family" : "attack",
            Families = (fitted.Model as IFamilyClassifier)?.Classes.Names,
            CreatedUtc = DateTimeOffset.UtcNow,
            TrainingData = dataInfo,
            Parameters = trainer.Parameters,
            Threshold = fitted.Threshold,
            ThresholdSelection = fitted.Selection,
            ValidationMetrics = fitted.Metrics,
            Calibration = ScoreCalibration.Fit(fitted.HeldOut),
            Warnings = warnings,
        };
        // Both baselines (explanations, drift) speak every schema's columns.
        return new Detector(manifest, fitted.Model)
        {
            Baseline = NormalBaseline.Learn(data),
            Drift = LearnDrift(fitted, data, options),
            Schema = data.Schema,
        };
    }

    /// <summary>
    /// The drift baseline: features of the normal training rows; scores of held-out normal rows
    /// when there was a held-out split (what unseen normal traffic scores), else of a sample of the
    /// reference rows by the final model (decision 0660).
    /// </summary>
    private static DriftBaseline LearnDrift(ThresholdedModel fitted, ConnectionDataset data, TrainingOptions options)
    {
        if (fitted.HeldOut is { } heldOut && heldOut.Truth.Any(t => !t))
            return DriftBaseline.Learn(data, [.. heldOut.Scores.Where((_, i) => !heldOut.Truth[i])], "held-out normal training rows");
        var (rows, source) = DriftBaseline.ReferenceRows(data);
        var sample = rows.Count <= AlertRateSample ? rows.Records : new Random(options.Seed).GetItems(rows.Records.ToArray(), AlertRateSample);
        return DriftBaseline.Learn(data, fitted.Model.Score(sample), sample.Count < rows.Count ? $"a sample of the {source}" : source);
    }

    private static string[] AlertRateWithoutLabels(IDetectorTrainer trainer, ThresholdedModel fitted, ConnectionDataset data, TrainingOptions options, IProgress<TrainingProgress>? progress)
    {
        progress?.Report(new TrainingProgress("checking the alert rate on the training rows", 0.85));
        // A sample is enough to tell "almost nothing" from a usable alert rate, and keeps slow scorers (knn) cheap.
        var sample = data.Count <= AlertRateSample ? data.Records
            : new Random(options.Seed).GetItems(data.Records.ToArray(), AlertRateSample);
        return LowAlertRateWarnings(fitted.Model.Score(sample), fitted.Threshold, "training rows", options, trainer, canUseLabels: false);
    }

    /// <summary>
    /// A model's own cut (an Isolation Forest's 0.5) can flag almost nothing when attacks are
    /// common in the training rows: the dense attack clusters look normal. Say so, and say what to
    /// do, in the model's and the training's own terms (front ends add their option names).
    /// </summary>
    private static string[] LowAlertRateWarnings(double[] scores, double threshold, string rows, TrainingOptions options, IDetectorTrainer trainer, bool canUseLabels)
    {
        var flagged = scores.Count(s => s >= threshold) / (double)Math.Max(1, scores.Length);
        if (flagged >= options.LowAlertRateWarning) return [];
        // Only the remedies this model and these rows allow: a contamination share where the model has one, a budget where there are labels.
        var remedies = new List<string>();
        if (trainer.Parameters.ContainsKey(ContaminationParameter)) remedies.Add($"an alert rate (the parameter {ContaminationParameter}=0.05)");
        if (canUseLabels) remedies.Add("a false-positive budget on held-out normal rows (e.g. 2%)");
        return [$"The model's own threshold {threshold:0.####} flags only {flagged:P2} of the {rows}." +
                (remedies.Count == 0 ? "" : $" If attacks are more common than that, choose {string.Join(" or ", remedies)}.")];
    }

    private const string ContaminationParameter = "contamination";
}
