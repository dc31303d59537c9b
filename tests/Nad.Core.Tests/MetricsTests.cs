using Nad.Core.Detectors;
using Nad.Core.Evaluation;
using Nad.Core.Records;
using Nad.Core.Thresholds;

namespace Nad.Core.Tests;

public class MetricsTests
{
    // Expected values from scikit-learn 1.2 (Debian python3-sklearn): roc_auc_score and
    // average_precision_score on the same inputs (the tied case generated with numpy seed 7).
    private static readonly int[] TiedTruth = [1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1];
    private static readonly double[] TiedScores = [0.2, 0.2, 0.6, 0.0, 0.0, 0.5, 0.5, 0.9, 0.6, 0.5, 0.5, 0.2, 0.0, 0.2, 0.7, 0.2, 0.4, 0.0, 0.8, 0.2, 0.3, 0.9, 0.5, 0.8, 0.6, 0.7, 0.1, 0.5, 0.5, 0.9, 0.4, 0.6, 0.1, 0.4, 0.3, 0.2, 0.8, 0.4, 1.0, 0.6];

    [Fact]
    public void Rank_metrics_match_scikit_learn()
    {
        bool[] truth = [false, false, true, true];
        double[] scores = [0.1, 0.4, 0.35, 0.8];
        Assert.Equal(0.75, RankMetrics.RocAuc(truth, scores), 12);
        Assert.Equal(0.8333333333333333, RankMetrics.AveragePrecision(truth, scores), 12);

        var tiedTruth = TiedTruth.Select(t => t == 1).ToArray();
        Assert.Equal(0.22786458333333331, RankMetrics.RocAuc(tiedTruth, TiedScores), 12);
        Assert.Equal(0.4772099024795104, RankMetrics.AveragePrecision(tiedTruth, TiedScores), 12);
    }

    [Fact]
    public void Roc_auc_is_undefined_with_one_class()
    {
        Assert.True(double.IsNaN(RankMetrics.RocAuc([true, true], [0.1, 0.2])));
        Assert.True(double.IsNaN(RankMetrics.AveragePrecision([false, false], [0.1, 0.2])));
    }

    [Fact]
    public void Binary_metrics_at_a_threshold()
    {
        bool[] truth = [true, true, true, false, false, false, false, true];
        double[] scores = [0.9, 0.8, 0.3, 0.6, 0.1, 0.2, 0.05, 0.55];
        var m = BinaryMetrics.Compute(truth, scores, 0.5);
        Assert.Equal(new ConfusionMatrix(TruePositives: 3, FalsePositives: 1, TrueNegatives: 3, FalseNegatives: 1), m.Confusion);
        Assert.Equal(0.75, m.Accuracy);
        Assert.Equal(0.75, m.Precision);
        Assert.Equal(0.75, m.Recall);
        Assert.Equal(0.75, m.F1);
        Assert.Equal(0.25, m.FalsePositiveRate);
    }

    [Fact]
    public void Best_f1_is_the_highest_f1_over_every_cut_and_treats_ties_as_one_cut()
    {
        // Cuts after 1, 2, 3, 4 rows: F1 = 2/3, 1/2, 4/5, 2/3.
        Assert.Equal(0.8, RankMetrics.BestF1([true, false, true, false], [0.9, 0.8, 0.7, 0.1]), 12);
        // Tied scores cannot be split: the only cuts are after the tie (F1 = 4/6) and after all rows (4/7).
        Assert.Equal(2.0 / 3, RankMetrics.BestF1([true, false, true, false, false], [0.9, 0.9, 0.9, 0.9, 0.1]), 12);
        Assert.True(double.IsNaN(RankMetrics.BestF1([false, false], [0.2, 0.1])));
    }

    [Fact]
    public void Threshold_maximizes_f1_and_sits_between_scores()
    {
        bool[] truth = [true, true, false, true, false, false];
        double[] scores = [0.9, 0.8, 0.7, 0.6, 0.2, 0.1];
        var threshold = ThresholdSelector.MaxF1(truth, scores);
        // Keeping the top four gives F1 = 6/7, the best: the cut falls between 0.6 and 0.2.
        Assert.Equal(0.4, threshold, 10);
        Assert.Equal(6.0 / 7, BinaryMetrics.Compute(truth, scores, threshold).F1, 10);
    }

    [Fact]
    public void Balanced_accuracy_threshold_ignores_the_class_shares_that_move_f1()
    {
        bool[] truth = [true, true, false, true, false, false];
        double[] scores = [0.6, 0.5, 0.4, 0.3, 0.2, 0.1];
        // Top two: TPR 2/3, FPR 0 (J = 2/3, the first best; the top four tie it at 1 - 1/3). F1 prefers the top four (6/7 > 4/5).
        Assert.Equal(0.45, ThresholdSelector.MaxBalancedAccuracy(truth, scores), 10);
        Assert.Equal(0.25, ThresholdSelector.MaxF1(truth, scores), 10);
        Assert.Equal(0.5, ThresholdSelector.MaxBalancedAccuracy([true, true], [0.3, 0.7]));
    }

    [Fact]
    public void Stratified_folds_partition_and_keep_rare_attacks_in_every_fold()
    {
        var labels = TestData.Train.RequireLabels();
        var folds = StratifiedSplit.Folds(labels, 5, seed: 1);
        var all = folds.SelectMany(f => f).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, labels.Count), all);
        Assert.True(folds.Max(f => f.Length) - folds.Min(f => f.Length) <= 1);
        // Every attack name, even buffer_overflow's 30 rows or perl's 3, is dealt evenly over the folds.
        foreach (var name in labels.Select(l => l.Name).Distinct())
        {
            var total = labels.Count(l => l.Name == name);
            foreach (var fold in folds)
                Assert.InRange(fold.Count(i => labels[i].Name == name), total / 5, (total + 4) / 5);
        }
        foreach (var fold in folds)
            Assert.Equal(0.4654, fold.Count(i => labels[i].IsAttack) / (double)fold.Length, 2);
        Assert.Equal(folds[0], StratifiedSplit.Folds(labels, 5, seed: 1)[0]);
        Assert.NotEqual(folds[0], StratifiedSplit.Folds(labels, 5, seed: 2)[0]);
    }

    [Fact]
    public void Evaluation_report_counts_families_and_attack_names()
    {
        AttackLabel[] labels =
        [
            AttackLabel.Parse("normal"), AttackLabel.Parse("normal"), AttackLabel.Parse("neptune"),
            AttackLabel.Parse("neptune"), AttackLabel.Parse("guess_passwd"), AttackLabel.Parse("zeroday"),
        ];
        double[] scores = [0.1, 0.9, 0.8, 0.7, 0.2, 0.95];
        var report = Evaluator.Evaluate("m", "d", labels, scores, 0.5, rowsWithUnknownCategories: 1);
        Assert.Equal(new GroupRecall("Normal", 2, 1), report.ByFamily[0]);
        Assert.Contains(new GroupRecall("DoS", 2, 2), report.ByFamily);
        Assert.Contains(new GroupRecall("R2L", 1, 0), report.ByFamily);
        Assert.Contains(new GroupRecall("Unknown", 1, 1), report.ByFamily);
        Assert.Equal("normal", report.ByAttack[0].Group);
        Assert.Equal(["zeroday"], report.AttackNamesWithUnknownFamily);
        Assert.Equal(1, report.RowsWithUnknownCategories);
    }
}
