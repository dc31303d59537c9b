using Nad.Core.Detectors;
using Nad.Core.Evaluation;
using Nad.Core.Explanations;
using Nad.Core.Records;
using Nad.Core.Thresholds;

namespace Nad.Core.Training;

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

    /// <summary>
    /// How to choose the threshold of a labelled fit (<c>--threshold</c>); null: <see cref="ThresholdRule.HeldOut"/>
    /// (the default of every model: the novel rule over-flagged KDDTest+'s normal traffic, docs/results.md).
    /// </summary>
    public ThresholdRule? Threshold { get; init; }

    /// <summary>Groups of attack names left out one at a time by the leave-attack-types-out rules (K extra fits).</summary>
    public int NovelGroups { get; init; } = 5;

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
        var rule = RuleFor(options);
        if (!data.HasLabels)
        {
            if (trainer.IsSupervised) data.RequireLabels();
            if (options.Threshold is { } explicitRule && explicitRule.LeavesAttackTypesOut())
                throw new ArgumentException($"{data.Source} has no labels: --threshold {ThresholdRules.NameOf(explicitRule)} leaves attack types out and needs labelled rows.");
            if (options.TargetFalsePositiveRate is not null)
                throw new ArgumentException($"{data.Source} has no labels: a target false-positive rate needs labelled normal rows to measure it on.");
            return TrainWithoutLabels(trainer, data, dataInfo, options, progress, cancellationToken);
        }

        var labels = data.RequireLabels();
        if (trainer.IsSupervised && (labels.All(l => l.IsAttack) || labels.All(l => !l.IsAttack)))
            throw new ArgumentException($"{data.Source} has only one class; a supervised model needs both normal and attack rows.");
        if (options.TargetFalsePositiveRate is not null && labels.All(l => l.IsAttack))
            throw new ArgumentException($"{data.Source} has no normal rows to measure a false-positive rate on.");
        if (rule.LeavesAttackTypesOut())
            return TrainLeavingAttackTypesOut(trainer, data, dataInfo, options, rule, progress, cancellationToken);

        var (trainRows, validationRows) = StratifiedSplit.TrainHoldout(labels, options.ValidationFraction, options.Seed);
        var fitShare = options.Refit ? 0.45 : 0.9;
        var model = trainer.Fit(data.Subset(trainRows), new ProgressSlice(progress, 0, fitShare, "fit on training split"), cancellationToken);

        progress?.Report(new TrainingProgress("choosing threshold on held-out rows", fitShare));
        var validation = data.Subset(validationRows);
        var truth = validation.RequireLabels().Select(l => l.IsAttack).ToArray();
        var scores = model.Score(validation.Records);
        var held = $"{validationRows.Length} held-out training rows ({options.ValidationFraction:P0}, stratified)";
        var (threshold, ruleText, fromModel, selection) = (options.TargetFalsePositiveRate, model.ProposedThreshold) switch
        {
            ({ } fpr, _) => (ThresholdSelector.ForFalsePositiveRate(truth, scores, fpr), $"flags {fpr:P2} of the normal rows among {held}", false,
                Selection("target-fpr", $"flag {fpr:P2} of held-out normal rows", truth)),
            (null, { } proposed) => (proposed, "proposed by the model", true, Selection("model", "the model's own threshold", truth)),
            _ => (ThresholdSelector.MaxF1(truth, scores), $"maximizes F1 on {held}", false, Selection(ThresholdRules.NameOf(ThresholdRule.HeldOut), "max F1", truth)),
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
        return new Detector(Manifest(trainer, dataInfo, threshold, ruleText, metrics, warnings) with { Target = TargetOf(model), ThresholdSelection = selection }, model)
        {
            Baseline = NormalBaseline.Learn(data),
        };
    }

    /// <summary>The explicit rule, else held-out; a false-positive budget is the held-out path's.</summary>
    private static ThresholdRule RuleFor(TrainingOptions options)
    {
        if (options.Threshold is { } explicitRule)
        {
            if (explicitRule.LeavesAttackTypesOut() && options.TargetFalsePositiveRate is not null)
                throw new ArgumentException($"--target-fpr and --threshold {ThresholdRules.NameOf(explicitRule)} are two threshold rules; choose one.");
            return explicitRule;
        }
        return ThresholdRule.HeldOut;
    }

    /// <summary>
    /// K leave-attack-types-out fits score every row with a model that never saw it (attacks also
    /// with one that never saw their type); the threshold is chosen on the pool, then the model
    /// is fitted on all rows (or, with Refit off, on the stratified training split).
    /// </summary>
    private static Detector TrainLeavingAttackTypesOut(IDetectorTrainer trainer, ConnectionDataset data, TrainingDataInfo dataInfo,
        TrainingOptions options, ThresholdRule rule, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var groups = options.NovelGroups;
        var validationShare = groups / (groups + 1.0);
        var pool = NovelAttackValidation.Run(trainer, data, groups, options.Seed,
            new ProgressSlice(progress, 0, validationShare, "leave-attack-types-out validation"), cancellationToken);
        var (threshold, criterion) = rule == ThresholdRule.NovelBalanced
            ? (ThresholdSelector.MaxBalancedAccuracy(pool.Truth, pool.Scores), "max balanced accuracy")
            : (ThresholdSelector.MaxF1(pool.Truth, pool.Scores), "max F1");
        var metrics = BinaryMetrics.Compute(pool.Truth, pool.Scores, threshold);

        cancellationToken.ThrowIfCancellationRequested();
        var finalRows = options.Refit ? data : data.Subset(StratifiedSplit.TrainHoldout(data.RequireLabels(), options.ValidationFraction, options.Seed).Train);
        var model = trainer.Fit(finalRows, new ProgressSlice(progress, validationShare, 1, options.Refit ? "fit on all rows" : "fit on the training split"), cancellationToken);
        progress?.Report(new TrainingProgress("done", 1));

        var ruleText = $"{(rule == ThresholdRule.NovelBalanced ? "maximizes balanced accuracy" : "maximizes F1")} on {pool.Truth.Length} pooled rows of {groups} " +
                       $"leave-attack-types-out rounds ({pool.NormalRows} normal, {pool.NovelAttackRows} attacks of a type the round's model never saw, " +
                       $"{pool.SeenAttackRows} held-out attacks of seen types)";
        var selection = new ThresholdSelection
        {
            Rule = ThresholdRules.NameOf(rule),
            Criterion = criterion,
            ValidationRows = pool.Truth.Length,
            NormalRows = pool.NormalRows,
            LeftOutGroups = pool.Groups,
            NovelAttackRows = pool.NovelAttackRows,
            SeenAttackRows = pool.SeenAttackRows,
            NovelDetectionRate = DetectionRate(pool, threshold, novel: true),
            SeenDetectionRate = DetectionRate(pool, threshold, novel: false),
        };
        return new Detector(Manifest(trainer, dataInfo, threshold, ruleText, metrics, []) with { Target = TargetOf(model), ThresholdSelection = selection }, model)
        {
            Baseline = NormalBaseline.Learn(data),
        };
    }

    private static double? DetectionRate(NovelAttackPool pool, double threshold, bool novel)
    {
        int rows = 0, flagged = 0;
        for (var i = 0; i < pool.Truth.Length; i++)
        {
            if (!pool.Truth[i] || pool.Novel[i] != novel) continue;
            rows++;
            if (pool.Scores[i] >= threshold) flagged++;
        }
        return rows == 0 ? null : (double)flagged / rows;
    }

    private static ThresholdSelection Selection(string rule, string criterion, bool[] truth) => new()
    {
        Rule = rule,
        Criterion = criterion,
        ValidationRows = truth.Length,
        NormalRows = truth.Count(t => !t),
    };

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
