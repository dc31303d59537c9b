using System.Globalization;
using ScottPlot;

namespace Nad.Reports;

/// <summary>How a detector's scores separate normal from attack rows on a labelled file.</summary>
public static class ScorePlots
{
    /// <summary>
    /// Histograms of the normal and the attack scores on a shared axis, counts on a log scale
    /// (one class often outnumbers the other hundredfold in some bins), the threshold as a line.
    /// Heavy-tailed scores (distances, reconstruction errors) are binned on log10(1 + score).
    /// </summary>
    public static string Histogram(string title, IReadOnlyList<double> scores, IReadOnlyList<bool> isAttack, double threshold, int bins = 60)
    {
        if (scores.Count != isAttack.Count) throw new ArgumentException("One label per score.");
        if (scores.Count == 0) throw new ArgumentException("No scores to draw.");
        var finite = scores.Where(double.IsFinite).ToArray();
        if (finite.Length == 0) throw new ArgumentException("No finite scores to draw.");
        Array.Sort(finite);
        var logScale = finite[0] >= 0 && finite[^1] > 20 * Math.Max(finite[finite.Length / 2], 1e-9) && finite[^1] > 10;
        double Axis(double s) => logScale ? Math.Log10(1 + Math.Max(0, s)) : s;
        double low = Axis(finite[0]), high = Axis(finite[^1]);
        if (!(high > low)) high = low + 1;
        var width = (high - low) / bins;

        var plot = ReportPlots.NewPlot();
        foreach (var (attack, name, color) in new[] { (false, "normal", ReportPlots.NormalColor), (true, "attack", ReportPlots.AttackColor) })
        {
            var counts = new long[bins];
            for (var i = 0; i < scores.Count; i++)
            {
                if (isAttack[i] != attack || !double.IsFinite(scores[i])) continue;
                counts[Math.Clamp((int)((Axis(scores[i]) - low) / width), 0, bins - 1)]++;
            }
            var bars = counts.Select((c, b) => new Bar
            {
                Position = low + (b + 0.5) * width,
                Value = Math.Log10(1 + c),
                Size = width,
                FillColor = color.WithAlpha(0.45),
                LineColor = color,
                LineWidth = 0.5f,
            }).ToList();
            plot.Add.Bars(bars).LegendText = $"{name} (n={counts.Sum():N0})";
        }
        var cut = plot.Add.VerticalLine(Axis(threshold));
        cut.Color = Colors.Black;
        cut.LineWidth = 1.5f;
        cut.LegendText = $"threshold {threshold.ToString("0.####", CultureInfo.InvariantCulture)}";
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.Left.TickGenerator = CountTicks(scores.Count);
        plot.Axes.Left.Label.Text = "rows (log scale)";
        plot.Axes.Bottom.Label.Text = logScale ? "score (log10(1 + score) axis)" : "score";
        if (logScale) plot.Axes.Bottom.TickGenerator = ScoreTicks(high);
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        return plot.GetSvgXml(760, 420);
    }

    private static ScottPlot.TickGenerators.NumericManual CountTicks(int total)
    {
        var generator = new ScottPlot.TickGenerators.NumericManual();
        generator.AddMajor(0, "0");
        for (var k = 0; Math.Pow(10, k) <= total; k++)
            generator.AddMajor(Math.Log10(1 + Math.Pow(10, k)), Math.Pow(10, k).ToString("#,0", CultureInfo.InvariantCulture));
        return generator;
    }

    private static ScottPlot.TickGenerators.NumericManual ScoreTicks(double high)
    {
        var generator = new ScottPlot.TickGenerators.NumericManual();
        generator.AddMajor(0, "0");
        for (var k = 0; k <= Math.Ceiling(high); k++)
        {
            var value = Math.Pow(10, k);
            if (Math.Log10(1 + value) <= high + 0.2) generator.AddMajor(Math.Log10(1 + value), value.ToString("0.#", CultureInfo.InvariantCulture));
        }
        return generator;
    }
}
