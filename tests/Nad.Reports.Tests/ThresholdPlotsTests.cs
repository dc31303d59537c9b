using System.Xml.Linq;

namespace Nad.Reports.Tests;

/// <summary>The accuracy-against-false-positive-rate chart: valid SVG, each model's own cut in the legend, clear errors.</summary>
public sealed class ThresholdPlotsTests
{
    [Fact]
    public void Chart_names_each_model_with_its_accuracy_and_fpr_at_its_own_threshold()
    {
        bool[] truth = [true, true, false, true, false, false];
        double[] scores = [0.9, 0.8, 0.7, 0.6, 0.2, 0.1];
        // Cut 0.65: flags 0.9, 0.8, 0.7 -> 2 of 3 attacks, 1 of 3 normals: accuracy 4/6, FPR 1/3.
        var svg = ThresholdPlots.AccuracyVsFalsePositiveRate("test", [new ThresholdCurveInput("a", truth, scores, 0.65)], maxFalsePositiveRate: 1);
        var text = XDocument.Parse(svg).ToString();
        Assert.Contains("a: 66.7 % at 33.3 %", text.Replace('\u00a0', ' '));
        Assert.Contains("goal: over 90% at most 3%", text);
    }

    [Fact]
    public void Best_accuracy_within_a_budget_is_the_best_cut_that_keeps_it()
    {
        bool[] truth = [true, true, false, true, false, false];
        double[] scores = [0.9, 0.8, 0.7, 0.6, 0.2, 0.1];
        // No normal flagged: the top two, 5/6. One normal of three allowed: the top four, 5/6 as well; none better.
        Assert.Equal(5.0 / 6, ThresholdPlots.BestAccuracyWithin(truth, scores, 0), 10);
        Assert.Equal(5.0 / 6, ThresholdPlots.BestAccuracyWithin(truth, scores, 0.34), 10);
        Assert.Equal(4.0 / 6, ThresholdPlots.BestAccuracyWithin([true, false, true], [0.9, 0.8, 0.1], 0), 10);
    }

    [Fact]
    public void No_models_or_mismatched_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ThresholdPlots.AccuracyVsFalsePositiveRate("x", []));
        var e = Assert.Throws<ArgumentException>(() => ThresholdPlots.AccuracyVsFalsePositiveRate("x", [new ThresholdCurveInput("m", [true], [1, 2], 1)]));
        Assert.Contains("m: one label per score", e.Message);
    }
}
