using System.Globalization;
using Nad.Core.Exploration.Clustering;
using ScottPlot;

namespace Nad.Reports;

/// <summary>The charts of <c>nad cluster</c>: the k-distance curve with its elbow, and the clusters in the first two principal components.</summary>
public static class ClusterPlots
{
    private static readonly Color NoiseColor = Color.FromHex("#111111");

    /// <summary>Sorted k-distances with the elbow (the chosen eps) marked.</summary>
    public static string KDistance(KDistanceCurve curve, string title)
    {
        var plot = ReportPlots.NewPlot();
        var line = plot.Add.ScatterLine(curve.Ranks.Select(r => (double)r).ToArray(), curve.Distances.ToArray());
        line.Color = ReportPlots.NormalColor;
        line.LineWidth = 2;
        line.LegendText = $"distance to the {curve.K}th nearest row (itself first)";
        var eps = plot.Add.HorizontalLine(curve.ElbowDistance);
        eps.Color = ReportPlots.AttackColor;
        eps.LegendText = $"elbow: eps = {curve.ElbowDistance.ToString("0.####", CultureInfo.InvariantCulture)} at row {curve.ElbowRank:N0} of {curve.Rows:N0}";
        var mark = plot.Add.ScatterPoints(new[] { (double)curve.ElbowRank }, new[] { curve.ElbowDistance });
        mark.Color = ReportPlots.AttackColor;
        mark.MarkerSize = 10;
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.Bottom.Label.Text = "rows, sorted by k-distance";
        plot.Axes.Left.Label.Text = "k-distance (PCA space)";
        // The tail climbs far above the elbow; show the knee, not only the last rows.
        var top = Math.Max(curve.ElbowDistance * 4, curve.Distances[Math.Min(curve.Distances.Count - 1, (int)(curve.Distances.Count * 0.99))]);
        plot.Axes.SetLimits(0, curve.Rows, 0, top);
        plot.Title(title);
        return plot.GetSvgXml(720, 420);
    }

    /// <summary>Rows in the first two components coloured by cluster (the 9 largest, the rest grey), noise in black.</summary>
    public static string Clusters(ClusterScatter scatter, string title)
    {
        var plot = ReportPlots.NewPlot();
        var palette = new ScottPlot.Palettes.Category10();
        var largest = scatter.Labels.Where(l => l >= 0).GroupBy(l => l).OrderByDescending(g => g.Count()).Take(9).Select(g => g.Key).ToArray();
        var groups = scatter.Labels.Select((label, i) => (label, i)).GroupBy(p => p.label < 0 ? -1 : Array.IndexOf(largest, p.label) is var k and >= 0 ? k : 99);
        foreach (var group in groups.OrderBy(g => g.Key == -1 ? 1000 : g.Key))
        {
            var rows = group.Select(p => p.i).ToArray();
            var points = plot.Add.ScatterPoints(rows.Select(i => (double)scatter.X[i]).ToArray(), rows.Select(i => (double)scatter.Y[i]).ToArray());
            points.MarkerSize = group.Key == -1 ? 4 : 3;
            points.MarkerShape = group.Key == -1 ? MarkerShape.Cross : MarkerShape.FilledCircle;
            points.Color = group.Key switch { -1 => NoiseColor, 99 => Colors.Gray.WithAlpha(0.5), var k => palette.GetColor(k).WithAlpha(0.7) };
            points.LegendText = group.Key switch
            {
                -1 => $"noise ({rows.Length:N0})",
                99 => $"other clusters ({rows.Length:N0})",
                var k => $"cluster {largest[k]} ({rows.Length:N0})",
            };
        }
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.Bottom.Label.Text = "principal component 1";
        plot.Axes.Left.Label.Text = "principal component 2";
        plot.Title(title);
        return plot.GetSvgXml(760, 560);
    }
}
