using Nad.Core.Thresholds;

namespace Nad.Core.Tests.Evaluation;

public class ThresholdSelectorFprTests
{
    [Fact]
    public void Flags_at_most_the_target_share_of_normal_rows()
    {
        var normal = Enumerable.Range(1, 100).Select(i => i / 100.0).ToArray();
        var truth = normal.Select(_ => false).Concat([true, true]).ToArray();
        var scores = normal.Concat([0.5, 2.0]).ToArray();

        var threshold = ThresholdSelector.ForFalsePositiveRate(truth, scores, 0.05);

        Assert.Equal(0.955, threshold, 12); // between the 96th (0.95) and 95th-highest-kept (0.96) normal score
        Assert.Equal(5, normal.Count(s => s >= threshold));
    }

    [Fact]
    public void Ties_are_kept_below_the_cut_rather_than_overshooting_the_budget()
    {
        var scores = new[] { 0.1, 0.2, 0.9, 0.9, 0.9, 0.9 };
        var truth = new bool[scores.Length];

        var threshold = ThresholdSelector.ForFalsePositiveRate(truth, scores, 0.2);

        Assert.True(scores.Count(s => s >= threshold) <= 1);
        Assert.True(threshold > 0.9);
    }

    [Fact]
    public void Refuses_data_without_normal_rows()
    {
        Assert.Throws<ArgumentException>(() => ThresholdSelector.ForFalsePositiveRate([true, true], [0.1, 0.2], 0.1));
    }
}
