using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Evaluation;
using Nad.Core.Features;
using Nad.Core.ModelFiles;
using Nad.Core.Records;
using Nad.Core.Thresholds;
using Nad.Core.Training;

namespace Nad.Core.Tests.Detectors;

/// <summary>
/// The leave-attack-types-out threshold rule (<c>--threshold novel</c>) on a real training slice:
/// which rows each round fits and scores, determinism, and that the cut moves down when attack
/// types the model never saw score low.
/// </summary>
[Collection(TrainingSliceCollection.Name)]
public sealed class NovelThresholdTests(TrainingSlice slice)
{
    private static readonly TrainingDataInfo Info = new("slice", "", 0);

    private static IDetectorTrainer Forest(int seed = 42) =>
        DetectorCatalog.Get("random-forest").CreateTrainer(ModelZooTests.Settings("trees=20", seed));

    [Fact]
    public void Groups_hold_every_attack_name_once_and_spread_each_family_over_them()
    {
        var labels = TestData.Train.RequireLabels();
        var groups = AttackTypeGroups.Split(labels, 5, seed: 42);
        var names = labels.Where(l => l.IsAttack).Select(l => l.Name).Distinct().Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(names, groups.SelectMany(g => g).Order(StringComparer.Ordinal).ToArray());
        // DoS has 6 training names and R2L 8: with 5 groups each group must hold one of each.
        foreach (var family in new[] { AttackFamily.DoS, AttackFamily.R2L })
            Assert.All(groups, g => Assert.Contains(g, n => AttackTaxonomy.FamilyOf(n) == family));
        Assert.Equal(groups, AttackTypeGroups.Split(labels, 5, seed: 42));
        Assert.NotEqual(groups, AttackTypeGroups.Split(labels, 5, seed: 43));
    }

    [Fact]
    public void Too_few_attack_names_for_the_groups_is_a_clear_error()
    {
        var labels = slice.Train.RequireLabels().Where(l => !l.IsAttack || l.Name is "neptune" or "smurf").ToArray();
        var error = Assert.Throws<ArgumentException>(() => AttackTypeGroups.Split(labels, 5, 42));
        Assert.Contains("at least 5 distinct attack names", error.Message);
    }

    [Fact]
    public void Each_round_fits_without_its_attack_names_and_its_fold_and_scores_only_training_rows()
    {
        var spy = new SpyTrainer(Forest());
        var pool = NovelAttackValidation.Run(spy, slice.Train, 5, seed: 42);
        var training = new HashSet<ConnectionRecord>(slice.Train.Records, ReferenceEqualityComparer.Instance);

        Assert.Equal(5, spy.Fits.Count);
        for (var k = 0; k < 5; k++)
        {
            var fitted = spy.Fits[k].RequireLabels().Select(l => l.Name).ToHashSet();
            Assert.Empty(fitted.Intersect(pool.Groups[k]));
            Assert.Contains("normal", fitted);
        }
        // Nothing but training rows is fitted on or scored: the rule never sees a test file.
        Assert.All(spy.Fits.SelectMany(d => d.Records), r => Assert.Contains(r, training));
        Assert.All(spy.Scored, r => Assert.Contains(r, training));

        var labels = slice.Train.RequireLabels();
        Assert.Equal(labels.Count(l => !l.IsAttack), pool.NormalRows);
        Assert.Equal(labels.Count(l => l.IsAttack), pool.NovelAttackRows);
        Assert.InRange(pool.SeenAttackRows, 1, pool.NovelAttackRows);
    }

    [Fact]
    public void Novel_rule_is_deterministic_with_a_seed_and_records_how_the_threshold_was_chosen()
    {
        var options = new TrainingOptions { Threshold = ThresholdRuleKind.Novel };
        var first = DetectorTraining.Train(Forest(), slice.Train, Info, options);
        var second = DetectorTraining.Train(Forest(), slice.Train, Info, options);
        var otherSeed = DetectorTraining.Train(Forest(7), slice.Train, Info, options with { Seed = 7 });

        Assert.Equal(first.Threshold, second.Threshold);
        Assert.Equal(first.Score(slice.Test.Records), second.Score(slice.Test.Records));
        Assert.NotEqual(first.Threshold, otherSeed.Threshold);

        var selection = first.Manifest.ThresholdSelection!;
        Assert.Equal(ThresholdRuleKind.Novel, selection.Rule);
        Assert.Equal("max F1", selection.Criterion);
        Assert.Equal(5, selection.LeftOutGroups!.Count);
        Assert.Equal(selection.NormalRows + selection.NovelAttackRows + selection.SeenAttackRows, selection.ValidationRows);
        Assert.Contains("leave-attack-types-out", first.Manifest.ThresholdRule);

        using var file = new MemoryStream();
        ModelFile.Write(first, file);
        file.Position = 0;
        var loaded = ModelFile.Read(file, "novel.nad");
        Assert.Equal(first.Threshold, loaded.Threshold);
        Assert.Equal(selection.LeftOutGroups, loaded.Manifest.ThresholdSelection!.LeftOutGroups);
        Assert.Equal(selection.NovelDetectionRate, loaded.Manifest.ThresholdSelection.NovelDetectionRate);
    }

    [Fact]
    public void When_left_out_attack_types_score_low_the_threshold_moves_down()
    {
        var pool = NovelAttackValidation.Run(Forest(), slice.Train, 5, seed: 42);
        var heldOut = DetectorTraining.Train(Forest(), slice.Train, Info, new TrainingOptions { Threshold = ThresholdRuleKind.HeldOut });
        var novel = DetectorTraining.Train(Forest(), slice.Train, Info, new TrainingOptions { Threshold = ThresholdRuleKind.Novel });

        // The premise, measured on the slice: at the hold-out cut, never-seen types are caught far less often than seen ones.
        var novelCaught = Rate(pool, heldOut.Threshold, novelRows: true);
        var seenCaught = Rate(pool, heldOut.Threshold, novelRows: false);
        Assert.True(novelCaught < seenCaught - 0.1, $"novel {novelCaught:P1} vs seen {seenCaught:P1} at the hold-out threshold {heldOut.Threshold:0.####}");
        // So the rule that anticipates them cuts lower, and catches more of them than the hold-out cut would.
        Assert.True(novel.Threshold < heldOut.Threshold, $"novel {novel.Threshold:0.####} vs held-out {heldOut.Threshold:0.####}");
        Assert.True(novel.Manifest.ThresholdSelection!.NovelDetectionRate > novelCaught);
    }

    [Fact]
    public void Balanced_variant_uses_its_own_criterion()
    {
        var detector = DetectorTraining.Train(Forest(), slice.Train, Info, new TrainingOptions { Threshold = ThresholdRuleKind.NovelBalanced, NovelGroups = 3 });
        Assert.Equal(ThresholdRuleKind.NovelBalanced, detector.Manifest.ThresholdSelection!.Rule);
        Assert.Equal("max balanced accuracy", detector.Manifest.ThresholdSelection.Criterion);
        Assert.Equal(3, detector.Manifest.ThresholdSelection.LeftOutGroups!.Count);
    }

    [Fact]
    public void Novel_rule_with_a_false_positive_budget_or_without_labels_is_refused()
    {
        var both = Assert.Throws<TrainingSettingException>(() => DetectorTraining.Train(Forest(), slice.Train, Info,
            new TrainingOptions { Threshold = ThresholdRuleKind.Novel, TargetFalsePositiveRate = 0.02 }));
        Assert.Contains("choose one", both.Message);
        // Typed, so a front end can name its own options: the two settings in conflict and the rule.
        Assert.Equal((TrainingSettingProblem.Conflict, ThresholdRuleKind.Novel), (both.Problem, both.Rule));
        Assert.Equal([TrainingSetting.FalsePositiveBudget, TrainingSetting.ThresholdRule], both.Settings);

        var isolation = DetectorCatalog.Get("isolation-forest").CreateTrainer(new TrainerSettings());
        var unlabelled = new ConnectionDataset("no labels", slice.Train.Records);
        var noLabels = Assert.Throws<TrainingSettingException>(() => DetectorTraining.Train(isolation, unlabelled, Info, new TrainingOptions { Threshold = ThresholdRuleKind.Novel }));
        Assert.Contains("needs labelled rows", noLabels.Message);
        Assert.Equal((TrainingSettingProblem.NeedsLabels, "no labels"), (noLabels.Problem, noLabels.DataSource));
        Assert.DoesNotContain("--", both.Message + noLabels.Message);
    }

    [Fact]
    public void Without_a_rule_the_cut_is_chosen_on_held_out_rows()
    {
        var detector = DetectorTraining.Train(DetectorCatalog.Get("logistic-regression").CreateTrainer(new TrainerSettings()), slice.Train, Info,
            new TrainingOptions { Refit = false });
        Assert.Equal(ThresholdRuleKind.HeldOut, detector.Manifest.ThresholdSelection!.Rule);
        Assert.Null(detector.Manifest.ThresholdSelection.LeftOutGroups);
    }

    private static double Rate(NovelAttackPool pool, double threshold, bool novelRows)
    {
        var rows = Enumerable.Range(0, pool.Truth.Length).Where(i => pool.Truth[i] && pool.Novel[i] == novelRows).ToArray();
        return rows.Count(i => pool.Scores[i] >= threshold) / (double)rows.Length;
    }

    /// <summary>Records what each fit is given and what each fitted model scores.</summary>
    private sealed class SpyTrainer(IDetectorTrainer inner) : IDetectorTrainer
    {
        public List<ConnectionDataset> Fits { get; } = [];
        public List<ConnectionRecord> Scored { get; } = [];
        public string Name => inner.Name;
        public bool IsSupervised => inner.IsSupervised;
        public IReadOnlyDictionary<string, string> Parameters => inner.Parameters;
        public IThresholdRule DefaultThreshold => inner.DefaultThreshold;

        public FittedModel Fit(ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            Fits.Add(data);
            var fitted = inner.Fit(data, progress, cancellationToken);
            return fitted with { Model = new SpyModel(fitted.Model, Scored) };
        }
    }

    private sealed class SpyModel(IScoringModel inner, List<ConnectionRecord> scored) : IScoringModel
    {
        public FeatureEncoder Encoder => inner.Encoder;

        public double[] Score(IReadOnlyList<ConnectionRecord> records)
        {
            scored.AddRange(records);
            return inner.Score(records);
        }

        public void Save(Stream payload) => inner.Save(payload);
    }
}
