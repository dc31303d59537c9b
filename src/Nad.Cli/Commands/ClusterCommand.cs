using System.CommandLine;
using System.Globalization;
using Nad.Cli.Output;
using Nad.Core.Exploration.Clustering;
using Nad.Reports;
using Spectre.Console;

namespace Nad.Cli.Commands;

/// <summary>
/// <c>nad cluster</c>: choose DBSCAN's eps for a file: the k-distance curve and its elbow, a
/// silhouette table over a grid of eps and minPts, and the clusters in the first two principal
/// components (SVG), plus every number as JSON.
/// </summary>
internal static class ClusterCommand
{
    public static Command Create(Terminal terminal)
    {
        var data = CommonOptions.Data("File to cluster, in the NSL-KDD layout (labels, if any, only describe the clusters), e.g. the training file.");
        var output = new Option<DirectoryInfo>("--out", "-o")
        {
            Description = $"Folder for {ClusterReportWriter.KDistanceFile}, {ClusterReportWriter.ClustersFile} and {ClusterReportWriter.JsonFile} (created if missing).",
            Required = true,
        };
        var sample = new Option<int?>("--sample") { Description = "Cluster a seeded sample of this many rows (default: all rows)." };
        var components = new Option<int>("--components") { Description = "Principal components to cluster in (few, so the k-d tree prunes).", DefaultValueFactory = _ => 5 };
        var minPts = new Option<int>("--min-pts") { Description = "DBSCAN minPts; the k-distance curve uses k = minPts. The grid also tries half and double.", DefaultValueFactory = _ => 10 };
        var unscaled = new Option<bool>("--unscaled") { Description = "PCA on log1p features without standardizing (byte counts then dominate)." };
        var silhouetteRows = new Option<int>("--silhouette-rows") { Description = "Rows the O(n²) silhouette is computed on (a seeded sample).", DefaultValueFactory = _ => 4000 };
        var normalOnly = new Option<bool>("--normal-only") { Description = "Cluster only the rows labelled normal (what `nad train --model dbscan --normal-only` sees)." };
        var plotRows = new Option<int>("--plot-rows") { Description = "Rows drawn in clusters.svg (a seeded sample; each adds about 100 bytes).", DefaultValueFactory = _ => 2500 };
        var seed = new Option<int>("--seed") { Description = "Seed for the samples.", DefaultValueFactory = _ => 42 };
        var skip = CommonOptions.SkipBadRows();
        var command = new Command("cluster", "Choose DBSCAN's eps: k-distance curve with its elbow, silhouette over a grid of eps and minPts, clusters in the first two principal components (SVG + JSON).")
        {
            data, output, sample, components, minPts, unscaled, normalOnly, silhouetteRows, plotRows, seed, skip,
        };
        command.SetAction((parse, token) =>
        {
            int c = parse.GetValue(components), m = parse.GetValue(minPts), s = parse.GetValue(silhouetteRows), r = parse.GetValue(plotRows);
            var options = new ClusterExplorationOptions
            {
                Sample = parse.GetValue(sample) is { } n ? (n >= 100 ? n : throw new ArgumentException($"--sample is {n}; cluster at least 100 rows.")) : null,
                Components = c is >= 1 and <= 20 ? c : throw new ArgumentException($"--components is {c}; use 1 to 20 (a k-d tree stops pruning in many dimensions)."),
                MinPts = m >= 2 ? m : throw new ArgumentException($"--min-pts is {m}; it must be at least 2."),
                Standardize = !parse.GetValue(unscaled),
                SilhouetteRows = s is >= 10 and <= 50_000 ? s : throw new ArgumentException($"--silhouette-rows is {s}; use 10 to 50,000 (it is O(n²))."),
                PlotRows = r is >= 1 and <= 100_000 ? r : throw new ArgumentException($"--plot-rows is {r}; use 1 to 100,000."),
                Seed = parse.GetValue(seed),
            };
            var folder = parse.GetValue(output)!.FullName;
            var dataset = CommonOptions.Read(terminal, CommonOptions.DataPaths(parse, data), parse.GetValue(skip), requireLabels: parse.GetValue(normalOnly));
            if (parse.GetValue(normalOnly)) dataset = dataset.NormalOnly();
            var report = terminal.WithProgress("clustering", p => ClusterExplorer.Explore(dataset, options, p, token));
            var written = ClusterReportWriter.Write(report, folder);

            var table = new Table().Title($"DBSCAN on {report.Rows:N0} rows, {report.Components} principal components ({report.ExplainedVarianceShare:P1} of the variance)");
            foreach (var column in new[] { "eps", "minPts", "clusters", "core points", "noise", "silhouette (sample)", "seconds" }) table.AddColumn(column);
            foreach (var g in report.Grid)
            {
                var mark = g == report.Chosen ? " (chosen: elbow)" : g == report.BestSilhouette ? " (best silhouette)" : "";
                table.AddRow(F(g.Eps) + mark, $"{g.MinPts}", $"{g.Clusters:N0}", $"{g.CorePoints:N0}", $"{g.NoiseShare:P2}",
                    double.IsNaN(g.Silhouette) ? "n/a" : $"{F(g.Silhouette)} ({g.SilhouetteRows:N0} rows)", g.Seconds.ToString("0.0", CultureInfo.InvariantCulture));
            }
            terminal.Out.Write(table);
            terminal.Out.MarkupLineInterpolated($"chosen eps = [bold]{F(report.Chosen.Eps)}[/] (elbow of the k-distance curve, k = {report.KDistance.K}): {report.Chosen.Clusters} clusters, {report.Chosen.NoiseShare:P2} noise");
            terminal.Out.MarkupLineInterpolated($"train with: nad train --model dbscan{(parse.GetValue(normalOnly) ? " --normal-only" : "")} --param eps={F(report.Chosen.Eps)} --param min-pts={report.Chosen.MinPts} --param components={report.Components}{(report.Standardized ? "" : " --param standardize=false")}");
            foreach (var path in written) terminal.Out.MarkupLineInterpolated($"wrote [bold]{path}[/]");
            return Task.FromResult(0);
        });
        return command;
    }

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
