using System.Globalization;
using Nad.Core.Exploration;
using ScottPlot;

namespace Nad.Reports;

/// <summary>
/// The report's charts, drawn with ScottPlot and returned as SVG text (vector, small, no
/// native image encoder needed). Colours are fixed per class so every chart reads the same.
/// </summary>
public static class ReportPlots
{
    public static readonly Color NormalColor = Color.FromHex("#1f77b4");
    public static readonly Color AttackColor = Color.FromHex("#d62728");
    private const string FontName = "DejaVu Sans";

    static ReportPlots()
    {
        // The default serif fallback reads badly in small charts; DejaVu Sans ships with Debian.
        Fonts.Default = FontName;
    }

    /// <summary>Rows per family and per attack name, on a log axis so rare attacks (U2R) stay visible.</summary>
    public static string ClassBalance(ClassBalance balance)
    {
        var rows = balance.ByFamily.Select(c => (Label: c.Name, c.Count, Attack: c.Name != "Normal"))
            .Concat(balance.ByAttackName.Where(c => c.Name != "normal").Select(c => (Label: $"{c.Name} ({c.Family})", c.Count, Attack: true)))
            .ToArray();
        var plot = NewPlot();
        var bars = rows.Select((r, i) => new Bar
        {
            Position = rows.Length - i,
            Value = Math.Log10(r.Count),
            FillColor = r.Attack ? AttackColor : NormalColor,
            LineWidth = 0,
            Size = 0.8,
            Orientation = Orientation.Horizontal,
        }).ToList();
        // A gap between the family rows and the attack-name rows.
        plot.Add.Bars(bars);
        plot.Axes.Left.TickGenerator = Manual(rows.Select((r, i) => (rows.Length - (double)i, r.Label)));
        plot.Axes.Bottom.TickGenerator = LogTicks(0, bars.Max(b => b.Value), plain: true);
        plot.Axes.Bottom.Label.Text = "rows (log scale)";
        plot.Title("Rows per family (top) and per attack name");
        plot.Axes.SetLimits(0, Math.Ceiling(bars.Max(b => b.Value)) + 0.05, 0.4, rows.Length + 0.6);
        return Svg(plot, 820, 110 + 17 * rows.Length);
    }

    /// <summary>Share of each class per bin: normal and attack overlaid, log10(1 + x) axis when the histogram says so.</summary>
    public static string Distribution(NumericFeatureSummary feature)
    {
        var h = feature.Histogram;
        var plot = NewPlot();
        var width = h.Edges[1] - h.Edges[0];
        foreach (var (name, counts) in h.Counts)
        {
            double total = Math.Max(1, counts.Sum());
            var color = name == "attack" ? AttackColor : NormalColor;
            var bars = counts.Select((c, i) => new Bar
            {
                Position = h.Edges[i] + width / 2,
                Value = c / total,
                Size = width * 0.95,
                FillColor = color.WithAlpha(0.45),
                LineColor = color,
                LineWidth = 1,
            }).ToList();
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = $"{name} (n={counts.Sum():N0})";
        }
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.Left.Label.Text = "share of class";
        plot.Axes.Bottom.Label.Text = h.LogScale ? $"{feature.Name} (log scale)" : feature.Name;
        if (h.LogScale) plot.Axes.Bottom.TickGenerator = LogTicks(h.Edges[0], h.Edges[^1], plain: false);
        else if (width == 1 && h.Edges.Count <= 13)
            // One bin per whole value (flags, small counts): tick each value, not -0.4, -0.2, ...
            plot.Axes.Bottom.TickGenerator = Manual(h.Edges.Skip(1).Select(e => (e - 0.5, (e - 0.5).ToString("0", CultureInfo.InvariantCulture))));
        plot.Title(feature.Name);
        plot.Axes.Margins(bottom: 0);
        return Svg(plot, 560, 320);
    }

    /// <summary>Normal and attack counts of the most frequent values of a categorical feature.</summary>
    public static string CategoryCounts(CategoricalFeatureSummary feature, int top = 20)
    {
        var values = feature.Values.Take(top).ToArray();
        var plot = NewPlot();
        var normal = values.Select((v, i) => new Bar { Position = i - 0.2, Value = v.Normal, Size = 0.4, FillColor = NormalColor, LineWidth = 0 }).ToList();
        var attack = values.Select((v, i) => new Bar { Position = i + 0.2, Value = v.Attack, Size = 0.4, FillColor = AttackColor, LineWidth = 0 }).ToList();
        plot.Add.Bars(normal).LegendText = "normal";
        plot.Add.Bars(attack).LegendText = "attack";
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.Bottom.TickGenerator = Manual(values.Select((v, i) => ((double)i, v.Value)));
        plot.Axes.Bottom.TickLabelStyle.Rotation = values.Length > 6 ? -45 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = values.Length > 6 ? Alignment.MiddleRight : Alignment.UpperCenter;
        if (values.Length > 6) plot.Axes.Bottom.MinimumSize = 20 + 6.5f * values.Max(v => v.Value.Length);
        plot.Axes.Left.Label.Text = "rows";
        plot.Title(values.Length < feature.Values.Count ? $"{feature.Name}: the {values.Length} most frequent of {feature.Values.Count} values" : feature.Name);
        plot.Axes.Margins(bottom: 0);
        return Svg(plot, 820, 380);
    }

    /// <summary>A correlation matrix as a heatmap from -1 (blue) to +1 (red).</summary>
    public static string Heatmap(string title, IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<double>> matrix)
    {
        var n = names.Count;
        var values = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                values[i, j] = matrix[i][j];
        var plot = NewPlot();
        // Cells as vector rectangles: ScottPlot's heatmap is a bitmap that viewers blur when scaling.
        IColormap colormap = new ScottPlot.Colormaps.Balance();
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                var y = n - 1 - i; // row i at the top, like a table
                var cell = plot.Add.Rectangle(j - 0.5, j + 0.5, y - 0.5, y + 0.5);
                cell.FillColor = double.IsNaN(values[i, j]) ? Colors.LightGray : colormap.GetColor((values[i, j] + 1) / 2);
                cell.LineWidth = 0;
            }
        // An invisible heatmap carries the colour scale for the colour bar.
        var scale = plot.Add.Heatmap(new double[,] { { -1, 1 } });
        scale.Colormap = colormap;
        scale.ManualRange = new ScottPlot.Range(-1, 1);
        scale.IsVisible = false;
        plot.Add.ColorBar(scale);
        plot.Axes.Bottom.MinimumSize = 170;
        plot.Axes.Bottom.TickGenerator = Manual(names.Select((name, i) => ((double)i, name)));
        plot.Axes.Bottom.TickLabelStyle.Rotation = -90;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Left.TickGenerator = Manual(names.Select((name, i) => ((double)(n - 1 - i), name)));
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.Title(title);
        return Svg(plot, 900, 860);
    }

    /// <summary>PSI per feature, largest first, with the usual 0.1 and 0.25 lines.</summary>
    public static string Stability(DatasetComparison comparison)
    {
        var shifts = comparison.Features;
        var plot = NewPlot();
        var bars = shifts.Select((s, i) => new Bar
        {
            Position = shifts.Count - i,
            Value = s.Psi,
            Size = 0.8,
            LineWidth = 0,
            Orientation = Orientation.Horizontal,
            FillColor = s.Shift switch { "large" => AttackColor, "moderate" => Color.FromHex("#ff7f0e"), _ => NormalColor },
        }).ToList();
        plot.Add.Bars(bars);
        foreach (var line in new[] { 0.1, 0.25 })
        {
            var v = plot.Add.VerticalLine(line);
            v.LinePattern = LinePattern.Dashed;
            v.Color = Colors.Gray;
        }
        plot.Axes.Left.TickGenerator = Manual(shifts.Select((s, i) => ((double)(shifts.Count - i), s.Feature)));
        plot.Axes.Bottom.Label.Text = "population stability index (0.1 moderate, 0.25 large shift)";
        plot.Title($"How {Path.GetFileName(comparison.CompareSource)} differs from {Path.GetFileName(comparison.BaseSource)}");
        plot.Axes.SetLimits(0, Math.Max(0.3, shifts.Max(s => s.Psi) * 1.05), 0.4, shifts.Count + 0.6);
        return Svg(plot, 820, 110 + 17 * shifts.Count);
    }

    internal static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(Fonts.Default);
        return plot;
    }

    private static ScottPlot.TickGenerators.NumericManual Manual(IEnumerable<(double Position, string Label)> ticks)
    {
        var generator = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (position, label) in ticks) generator.AddMajor(position, label);
        return generator;
    }

    /// <summary>Ticks at powers of ten on a log10 axis; <paramref name="plain"/> axes are log10(x), else log10(1 + x).</summary>
    private static ScottPlot.TickGenerators.NumericManual LogTicks(double low, double high, bool plain)
    {
        var generator = new ScottPlot.TickGenerators.NumericManual();
        if (!plain) generator.AddMajor(0, "0");
        for (var k = 0; k <= Math.Ceiling(high); k++)
        {
            double value = Math.Pow(10, k);
            var position = plain ? k : Math.Log10(1 + value);
            if (position < low - 1e-9 || position > high + 1) continue;
            generator.AddMajor(position, value >= 1e4 ? $"1e{k}" : value.ToString("#,0", CultureInfo.InvariantCulture));
        }
        return generator;
    }

    private static string Svg(Plot plot, int width, int height) => plot.GetSvgXml(width, height);
}
