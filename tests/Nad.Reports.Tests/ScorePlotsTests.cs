using System.Xml.Linq;

namespace Nad.Reports.Tests;

/// <summary>The score histogram of `nad evaluate --plots`: valid SVG, the right axis, clear errors.</summary>
public sealed class ScorePlotsTests
{
    private static (double[] Scores, bool[] Truth) Sample(bool heavyTail)
    {
        var random = new Random(4);
        var truth = Enumerable.Range(0, 2000).Select(i => i % 3 == 0).ToArray();
        var scores = truth.Select(attack => heavyTail
            ? Math.Exp(random.NextDouble() * (attack ? 6 : 2)) - 1   // distances: most small, a few huge
            : random.NextDouble() * 0.5 + (attack ? 0.4 : 0)).ToArray();
        return (scores, truth);
    }

    [Fact]
    public void Histogram_is_valid_svg_with_both_classes_and_the_threshold()
    {
        var (scores, truth) = Sample(heavyTail: false);
        var svg = ScorePlots.Histogram("model on file", scores, truth, 0.6);
        var text = XDocument.Parse(svg).ToString();
        Assert.Contains("normal (n=1,333)", text);
        Assert.Contains("attack (n=667)", text);
        Assert.Contains("threshold 0.6", text);
        Assert.DoesNotContain("log10(1 + score)", text);
    }

    [Fact]
    public void Heavy_tailed_scores_get_a_log_axis()
    {
        var (scores, truth) = Sample(heavyTail: true);
        Assert.Contains("log10(1 + score)", ScorePlots.Histogram("dbscan", scores, truth, 1));
    }

    [Fact]
    public void Mismatched_or_empty_input_is_refused_with_a_message()
    {
        Assert.Contains("One label per score", Assert.Throws<ArgumentException>(() => ScorePlots.Histogram("x", [1, 2], [true], 1)).Message);
        Assert.Contains("No scores", Assert.Throws<ArgumentException>(() => ScorePlots.Histogram("x", [], [], 1)).Message);
    }
}
