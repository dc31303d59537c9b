using System.Globalization;
using System.Text;
using Nad.Core.Evaluation;

namespace Nad.Cli.Output;

/// <summary>ROC curves of several models in one small, dependency-free SVG chart.</summary>
public static class RocChartSvg
{
    private static readonly string[] Colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#000000"];

    public static string Render(string title, IReadOnlyList<(string Name, double Auc, IReadOnlyList<RocPoint> Curve)> series)
    {
        const int size = 420, left = 60, top = 40, legendWidth = 260;
        var svg = new StringBuilder();
        svg.AppendLine($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{left + size + legendWidth}\" height=\"{top + size + 60}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.AppendLine($"<text x=\"{left}\" y=\"24\" font-size=\"15\">{Escape(title)}</text>");
        svg.AppendLine($"<rect x=\"{left}\" y=\"{top}\" width=\"{size}\" height=\"{size}\" fill=\"none\" stroke=\"#444\"/>");
        for (var tick = 0; tick <= 10; tick += 2)
        {
            var offset = tick * size / 10;
            var label = (tick / 10.0).ToString("0.0", CultureInfo.InvariantCulture);
            svg.AppendLine($"<line x1=\"{left + offset}\" y1=\"{top}\" x2=\"{left + offset}\" y2=\"{top + size}\" stroke=\"#eee\"/><text x=\"{left + offset - 8}\" y=\"{top + size + 16}\">{label}</text>");
            svg.AppendLine($"<line x1=\"{left}\" y1=\"{top + size - offset}\" x2=\"{left + size}\" y2=\"{top + size - offset}\" stroke=\"#eee\"/><text x=\"{left - 28}\" y=\"{top + size - offset + 4}\">{label}</text>");
        }
        svg.AppendLine($"<line x1=\"{left}\" y1=\"{top + size}\" x2=\"{left + size}\" y2=\"{top}\" stroke=\"#bbb\" stroke-dasharray=\"4 4\"/>");
        svg.AppendLine($"<text x=\"{left + size / 2 - 80}\" y=\"{top + size + 36}\">false-positive rate (normal flagged)</text>");
        svg.AppendLine($"<text transform=\"translate({left - 40},{top + size / 2 + 70}) rotate(-90)\">detection rate (attacks flagged)</text>");
        for (var s = 0; s < series.Count; s++)
        {
            var color = Colors[s % Colors.Length];
            var points = string.Join(" ", series[s].Curve.Select(p =>
                $"{(left + p.FalsePositiveRate * size).ToString("0.0", CultureInfo.InvariantCulture)},{(top + size - p.TruePositiveRate * size).ToString("0.0", CultureInfo.InvariantCulture)}"));
            svg.AppendLine($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.6\" points=\"{points}\"/>");
            var y = top + 10 + s * 18;
            svg.AppendLine($"<line x1=\"{left + size + 16}\" y1=\"{y}\" x2=\"{left + size + 40}\" y2=\"{y}\" stroke=\"{color}\" stroke-width=\"3\"/>");
            svg.AppendLine($"<text x=\"{left + size + 46}\" y=\"{y + 4}\">{Escape(series[s].Name)} (AUC {series[s].Auc.ToString("0.000", CultureInfo.InvariantCulture)})</text>");
        }
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text) ?? "";
}
