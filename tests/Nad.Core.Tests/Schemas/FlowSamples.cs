using System.IO.Compression;

namespace Nad.Core.Tests.Schemas;

/// <summary>The real flow samples NAD ships in data/flows (gzip copies of ../shared/data/flows; see its README).</summary>
public static class FlowSamples
{
    public static string Folder { get; } = Path.Combine(TestData.RepoRoot, "data", "flows");

    public static string Unsw => Require("unsw-nb15-testing-sample.csv.gz");
    public static string CicTrafficLabelling => Require("cic-ids2017-trafficlabelling-sample.csv.gz");
    public static string CicImproved(string file) => Require(Path.Combine("cic-ids2017-improved", file + ".gz"));

    /// <summary>The lines of a sample, decompressed.</summary>
    public static IEnumerable<string> ReadLines(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        while (reader.ReadLine() is { } line) yield return line;
    }

    private static string Require(string name)
    {
        var path = Path.Combine(Folder, name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} not found: the flow samples ship with the repository", path);
    }

    /// <summary>The MachineLearningCVE layout, derived from the TrafficLabelling sample as its README says: without its first 6 columns
    /// but Destination Port.</summary>
    public static string[] MachineLearningCveLines(int rows)
    {
        var dropped = new[] { 0, 1, 2, 3, 5, 6 }; // Flow ID, Source IP, Source Port, Destination IP, Protocol, Timestamp
        return [.. ReadLines(CicTrafficLabelling).Take(rows + 1)
            .Select(line => string.Join(',', line.Split(',').Where((_, i) => !dropped.Contains(i))))];
    }
}
