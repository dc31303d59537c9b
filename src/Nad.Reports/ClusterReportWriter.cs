using System.Text.Json;
using Nad.Core.Exploration.Clustering;

namespace Nad.Reports;

/// <summary>Writes what <c>nad cluster</c> found: the two charts as SVG and every number as JSON.</summary>
public static class ClusterReportWriter
{
    public const string KDistanceFile = "kdistance.svg";
    public const string ClustersFile = "clusters.svg";
    public const string JsonFile = "cluster.json";

    public static IReadOnlyList<string> Write(ClusterReport report, string folder)
    {
        Directory.CreateDirectory(folder);
        var source = Path.GetFileName(report.Source);
        var space = $"{report.Components} PCs{(report.Standardized ? ", standardized" : ", unscaled")}";
        var written = new[]
        {
            (KDistanceFile, ClusterPlots.KDistance(report.KDistance, $"k-distance, k = {report.KDistance.K}: {source} ({space})")),
            (ClustersFile, ClusterPlots.Clusters(report.Scatter,
                $"DBSCAN eps={report.Chosen.Eps:0.###} minPts={report.Chosen.MinPts}: {report.Chosen.Clusters} clusters, {report.Chosen.NoiseShare:P1} noise ({report.Scatter.X.Count:N0}-row sample)")),
            (JsonFile, JsonSerializer.Serialize(report, ExplorationReportWriter.Json)),
        };
        var paths = new List<string>();
        foreach (var (name, text) in written)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, text);
            paths.Add(path);
        }
        return paths;
    }
}
