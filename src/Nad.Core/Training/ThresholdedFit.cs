using Nad.Core.Detectors;
using Nad.Core.Detectors.Unsupervised;
using Nad.Core.Evaluation;
using Nad.Core.Records;
using Nad.Core.Thresholds;

namespace Nad.Core.Training;

/// <summary>
/// The one procedure that fits a model and gives it a threshold, used by <see cref="DetectorTraining"/>
/// and by the hybrid for each member. The rule says which scores it needs:
/// <list type="bullet">
/// <item>held-out scores (or a fixed cut, or training-row scores, on labelled data): stratified split, fit on
/// the larger part, score the held-out rows, <see cref="IThresholdRule.Choose"/>, measure there, then refit
/// on all rows (a contamination rule then takes the refit model's training scores);</item>
/// <item>the leave-attack-types-out pool: K fits by <see cref="NovelAttackValidation"/>, choose and measure
/// on the pool, then one fit on all rows;</item>
/// <item>no labels: one fit on all rows; the rule chooses on the training scores or fixes its cut;</item>
/// <item>a trainer that validates itself (<see cref="ISelfValidatingTrainer"/>, the hybrid) with a fixed cut or a
/// rule on its own kind of validation rows: one fit, measured on the rows it held back.</item>
/// </list>
/// No test file is ever looked at.
/// </summary>
public static class ThresholdedFit
{
    public static ThresholdedModel Run(
        IDetectorTrainer trainer,
        IThresholdRule rule,
        ConnectionDataset data,
        TrainingOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Check(trainer, rule, data);
        if (!data.HasLabels) return WithoutLabels(trainer, rule, data, progress, cancellationToken);
        // A held-out rule may choose on a self-validating trainer's rows only when they are a held-out split (not a pool).
        if (trainer is ISelfValidatingTrainer { ValidatesOn: { } validation } self
            && (rule.Scores == ThresholdScores.None || rule.Scores == ThresholdScores.HeldOut && validation == ThresholdScores.HeldOut))
            return SelfValidated(self, rule, data, options, progress, cancellationToken);
        return rule.Scores == ThresholdScores.NovelAttackPool
            ? OnNovelAttackPool(trainer, rule, data, options, progress, cancellationToken)
            : OnHeldOutSplit(trainer, rule, data, options, progress, cancellationToken);
    }

    /// <summary>The rule the user chose (<see cref="TrainingOptions"/>), else the trainer's default.</summary>
    public static IThresholdRule RuleFor(IDetectorTrainer trainer, TrainingOptions options)
    {
        var budget = options.TargetFalsePositiveRate;
        if (options.Threshold is { } explicitRule && explicitRule.LeavesAttackTypesOut() && budget is not null)
            throw new TrainingSettingException($"A false-positive budget and the {ThresholdRuleKinds.NameOf(explicitRule)} threshold rule are two threshold rules; choose one.",
                TrainingSettingProblem.Conflict, TrainingSetting.FalsePositiveBudget, TrainingSetting.ThresholdRule)
            { Rule = explicitRule };
        return options.Threshold switch
        {
            ThresholdRuleKind.Novel => NovelTypesRule.MaxF1,
            ThresholdRuleKind.NovelBalanced => NovelTypesRule.MaxBalancedAccuracy,
            // A false-positive budget is a held-out rule: with an explicit held-out rule it still sets the cut.
            null or ThresholdRuleKind.HeldOut when budget is { } rate => new FalsePositiveBudgetRule(rate),
            // "held-out" names the default path, as it always has: max F1 on the hold-out for supervised models,
            // the model's own cut (checked on the hold-out) for unsupervised ones and the hybrid.
            null or ThresholdRuleKind.HeldOut => trainer.DefaultThreshold,
            { } other => throw new TrainingSettingException($"The {ThresholdRuleKinds.NameOf(other)} rule is not one to choose by name; choose held-out, novel or novel-balanced.",
                TrainingSettingProblem.Conflict, TrainingSetting.ThresholdRule)
            { Rule = other },
        };
    }

    private static void Check(IDetectorTrainer trainer, IThresholdRule rule, ConnectionDataset data)
    {
        if (data.Count == 0) throw new ArgumentException($"{data.Source} has no records to train on.");
        if (!data.HasLabels)
        {
            if (trainer.IsSupervised) data.RequireLabels();
            if (rule.Kind == ThresholdRuleKind.FalsePositiveBudget)
                throw new TrainingSettingException($"{data.Source} has no labels: a false-positive budget needs labelled normal rows to measure it on.",
                    TrainingSettingProblem.NeedsLabels, TrainingSetting.FalsePositiveBudget)
                { DataSource = data.Source };
            if (rule.NeedsLabels)
                throw new TrainingSettingException($"{data.Source} has no labels: the {ThresholdRuleKinds.NameOf(rule.Kind)} threshold rule " +
                                                   $"{(rule.Kind.LeavesAttackTypesOut() ? "leaves attack types out and " : "")}needs labelled rows.",
                    TrainingSettingProblem.NeedsLabels, TrainingSetting.ThresholdRule)
                { Rule = rule.Kind, DataSource = data.Source };
            return;
        }
        var labels = data.RequireLabels();
        if (trainer.IsSupervised && (labels.All(l => l.IsAttack) || labels.All(l => !l.IsAttack)))
            throw new ArgumentException($"{data.Source} has only one class (all {labels.Count:N0} rows are {(labels[0].IsAttack ? "attacks" : "normal")}); " +
                                        "a supervised model needs both normal and attack rows. " +
                                        (labels[0].IsAttack ? "Add normal rows." : $"Add attack rows, or train a model that learns normal traffic alone ({IsolationForestTrainer.ModelName}, {PcaTrainer.ModelName})."));
        if (rule.Kind == ThresholdRuleKind.FalsePositiveBudget && labels.All(l => l.IsAttack))
            throw new TrainingSettingException($"{data.Source} has no normal rows to measure a false-positive rate on.",
                TrainingSettingProblem.NeedsNormalRows, TrainingSetting.FalsePositiveBudget)
            { DataSource = data.Source };
    }

    private static ThresholdedModel OnHeldOutSplit(IDetectorTrainer trainer, IThresholdRule rule, ConnectionDataset data, TrainingOptions options,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var (trainRows, validationRows) = StratifiedSplit.TrainHoldout(data.RequireLabels(), options.ValidationFraction, options.Seed);
        var fitShare = options.Refit ? 0.45 : 0.9;
        var training = data.Subset(trainRows);
        var fit = trainer.Fit(training, new ProgressSlice(progress, 0, fitShare, "fit on training split"), cancellationToken);

        progress?.Report(new TrainingProgress("choosing threshold on held-out rows", fitShare));
        var validation = data.Subset(validationRows);
        var truth = validation.RequireLabels().Select(l => l.IsAttack).ToArray();
        var scores = fit.Model.Score(validation.Records);
        var selection = rule.Scores == ThresholdScores.HeldOut
            ? rule.Choose(scores, truth) with { HeldOutFraction = options.ValidationFraction }
            : OnTrainingRows(rule, fit, training);
        var metrics = BinaryMetrics.Compute(truth, scores, selection.Threshold);
        var heldOut = new HeldOutScores(validationRows, truth, scores, selection.Threshold);

        if (options.Refit)
        {
            cancellationToken.ThrowIfCancellationRequested();
            fit = trainer.Fit(data, new ProgressSlice(progress, fitShare + 0.05, 1, "refit on all rows"), cancellationToken);
            // A threshold taken from the training scores is the refit model's own; a held-out one stays.
            if (rule.Scores == ThresholdScores.TrainingRows) selection = OnTrainingRows(rule, fit, data);
        }
        return new ThresholdedModel(fit.Model, selection, metrics, heldOut);
    }

    /// <summary>
    /// K leave-attack-types-out fits score every row with a model that never saw it (attacks also
    /// with one that never saw their type); the threshold is chosen on the pool, then the model
    /// is fitted on all rows (or, with Refit off, on the stratified training split).
    /// </summary>
    private static ThresholdedModel OnNovelAttackPool(IDetectorTrainer trainer, IThresholdRule rule, ConnectionDataset data, TrainingOptions options,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var groups = options.NovelGroups;
        var validationShare = groups / (groups + 1.0);
        var pool = NovelAttackValidation.Run(trainer, data, groups, options.Seed,
            new ProgressSlice(progress, 0, validationShare, "leave-attack-types-out validation"), cancellationToken);
        var chosen = rule.Choose(pool.Scores, pool.Truth);
        var selection = chosen with
        {
            LeftOutGroups = pool.Groups,
            NovelAttackRows = pool.NovelAttackRows,
            SeenAttackRows = pool.SeenAttackRows,
            NovelDetectionRate = DetectionRate(pool, chosen.Threshold, novel: true),
            SeenDetectionRate = DetectionRate(pool, chosen.Threshold, novel: false),
        };
        var metrics = BinaryMetrics.Compute(pool.Truth, pool.Scores, selection.Threshold);

        cancellationToken.ThrowIfCancellationRequested();
        var finalRows = options.Refit ? data : data.Subset(StratifiedSplit.TrainHoldout(data.RequireLabels(), options.ValidationFraction, options.Seed).Train);
        var fit = trainer.Fit(finalRows, new ProgressSlice(progress, validationShare, 1, options.Refit ? "fit on all rows" : "fit on the training split"), cancellationToken);
        return new ThresholdedModel(fit.Model, selection, metrics, null);
    }

    private static ThresholdedModel SelfValidated(ISelfValidatingTrainer trainer, IThresholdRule rule, ConnectionDataset data, TrainingOptions options,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var fit = trainer.FitValidated(data, options, progress, cancellationToken);
        var held = fit.Validation;
        var selection = rule.Scores == ThresholdScores.None ? rule.Choose([], null)
            : rule.Choose(held.Scores, held.Truth) with { HeldOutFraction = options.ValidationFraction };
        return new ThresholdedModel(fit.Model, selection, BinaryMetrics.Compute(held.Truth, held.Scores, selection.Threshold),
            held with { Threshold = selection.Threshold });
    }

    private static ThresholdedModel WithoutLabels(IDetectorTrainer trainer, IThresholdRule rule, ConnectionDataset data,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var fit = trainer.Fit(data, new ProgressSlice(progress, 0, 0.8), cancellationToken);
        return new ThresholdedModel(fit.Model, OnTrainingRows(rule, fit, data) with { Labelled = false }, null, null);
    }

    // The rules that need no labels: the training rows' scores (the trainer's own, when it has them) or a fixed cut.
    private static ThresholdSelection OnTrainingRows(IThresholdRule rule, FittedModel fit, ConnectionDataset training) => rule.Scores switch
    {
        ThresholdScores.TrainingRows => rule.Choose(fit.TrainingScores ?? fit.Model.Score(training.Records), null),
        ThresholdScores.None => rule.Choose([], null),
        _ => throw new InvalidOperationException($"The {ThresholdRuleKinds.NameOf(rule.Kind)} rule does not choose on training rows."),
    };

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
}
