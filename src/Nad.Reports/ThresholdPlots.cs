using System.Globalization;
using Nad.Core.Evaluation;
using ScottPlot;

namespace Nad.Reports;

/// <summary>One model's scores on a labelled file and the threshold it chose on training data.</summary>
public sealed record ThresholdCurveInput(string Label, IReadOnlyList<bool> IsAttack, IReadOnlyList<double> Scores, double Threshold);

/// <summary>What a model's threshold trades: accuracy against the share of normal rows flagged.</summary>
public static class ThresholdPlots
{
    /// <summary>
    /// Accuracy against false-positive rate on normal rows, for every cut of each model's score
    /// (the whole rule family, drawn on the file, never used to choose), with the model's own
    /// threshold as a dot, and the goal (accuracy 90% at most 3% of normals flagged) as lines.
    /// </summary>
    public static string AccuracyVsFalsePositiveRate(string title, IReadOnlyList<ThresholdCurveInput> models, double maxFalsePositiveRate = 0.15)
    {
        if (models.Count == 0) throw new ArgumentException("No models to draw.");
        var plot = ReportPlots.NewPlot();
        var palette = new ScottPlot.Palettes.Category10();
        for (var m = 0; m < models.Count; m++)
        {
            var model = models[m];
            if (model.Scores.Count != model.IsAttack.Count) throw new ArgumentException($"{model.Label}: one label per score.");
            var (fpr, accuracy) = Curve(model.IsAttack, model.Scores, maxFalsePositiveRate);
            var color = palette.GetColor(m);
            var line = plot.Add.ScatterLine(fpr, accuracy);
            line.Color = color;
            line.LineWidth = 1.5f;
            var (chosenFpr, chosenAccuracy) = At(model.IsAttack, model.Scores, model.Threshold);
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{model.Label}: {chosenAccuracy:P1} at {chosenFpr:P1}");
            var dot = plot.Add.Marker(chosenFpr * 100, chosenAccuracy * 100);
            dot.Color = color;
            dot.Size = 9;
        }
        var goalFpr = plot.Add.VerticalLine(3);
        goalFpr.Color = Colors.Gray;
        goalFpr.LinePattern = LinePattern.Dashed;
        var goalAccuracy = plot.Add.HorizontalLine(90);
        goalAccuracy.Color = Colors.Gray;
        goalAccuracy.LinePattern = LinePattern.Dashed;
        goalAccuracy.LegendText = "goal: over 90% at most 3%";
        plot.ShowLegend(Alignment.LowerRight);
        plot.Axes.Bottom.Label.Text = "normal rows flagged (%)";
        plot.Axes.Left.Label.Text = "accuracy (%)";
        plot.Axes.SetLimitsX(0, maxFalsePositiveRate * 100);
        plot.Title(title);
        return plot.GetSvgXml(820, 520);
    }

    /// <summary>
    /// The best accuracy any cut reaches while flagging at most <paramref name="maxFalsePositiveRate"/>
    /// of the normal rows: an oracle on the file it is computed on (for reference, never for choosing).
    /// </summary>
    public static double BestAccuracyWithin(IReadOnlyList<bool> isAttack, IReadOnlyList<double> scores, double maxFalsePositiveRate)
    {
        var (fpr, accuracy) = Curve(isAttack, scores, maxFalsePositiveRate, thin: false);
        return accuracy.Where((_, i) => fpr[i] <= 100 * maxFalsePositiveRate).Max() / 100;
    }

    /// <summary>The curve in percent, one point per distinct score down to the largest FPR shown, at most ~400 points.</summary>
    private static (double[] Fpr, double[] Accuracy) Curve(IReadOnlyList<bool> isAttack, IReadOnlyList<double> scores, double maxFpr, bool thin = true)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        long positives = isAttack.Count(a => a), negatives = isAttack.Count - positives;
        long tp = 0, fp = 0;
        var fprs = new List<double> { 0 };
        var accuracies = new List<double> { 100.0 * negatives / Math.Max(1, scores.Count) };
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            for (var k = start; k <= end; k++)
                if (isAttack[order[k]]) tp++;
                else fp++;
            var fpr = negatives == 0 ? 0 : (double)fp / negatives;
            if (fpr > maxFpr) break;
            fprs.Add(100 * fpr);
            accuracies.Add(100.0 * (tp + negatives - fp) / scores.Count);
            start = end + 1;
        }
        var step = thin ? Math.Max(1, fprs.Count / 400) : 1;
        var keep = Enumerable.Range(0, fprs.Count).Where(i => i % step == 0 || i == fprs.Count - 1).ToArray();
        return (keep.Select(i => fprs[i]).ToArray(), keep.Select(i => accuracies[i]).ToArray());
    }

    private static (double Fpr, double Accuracy) At(IReadOnlyList<bool> isAttack, IReadOnlyList<double> scores, double threshold)
    {
        var confusion = ConfusionMatrix.From(isAttack, scores.Select(s => s >= threshold).ToArray());
        return (Ratio(confusion.FalsePositives, confusion.FalsePositives + confusion.TrueNegatives),
            Ratio(confusion.TruePositives + confusion.TrueNegatives, confusion.Total));
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
