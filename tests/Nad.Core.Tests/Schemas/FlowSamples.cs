namespace Nad.Core.Tests.Schemas;

/// <summary>The real flow samples in ../shared/data/flows (see its README); tests skip with a reason when absent.</summary>
public static class FlowSamples
{
    public static string Folder { get; } = Path.GetFullPath(Path.Combine(TestData.RepoRoot, "..", "shared", "data", "flows"));

    public static string Unsw => Require("unsw-nb15-testing-sample.csv");
    public static string CicTrafficLabelling => Require("cic-ids2017-trafficlabelling-sample.csv");
    public static string CicImproved(string file) => Require(Path.Combine("cic-ids2017-improved", file));

    private static string Require(string name)
    {
        var path = Path.Combine(Folder, name);
        Skip.IfNot(File.Exists(path), $"{path} not found (the shared flow samples live beside the repository)");
        return path;
    }

    /// <summary>The MachineLearningCVE layout, derived from the TrafficLabelling sample as its README says: without its first 6 columns
    /// but Destination Port.</summary>
    public static string[] MachineLearningCveLines(int rows)
    {
        var dropped = new[] { 0, 1, 2, 3, 5, 6 }; // Flow ID, Source IP, Source Port, Destination IP, Protocol, Timestamp
        return [.. File.ReadLines(CicTrafficLabelling).Take(rows + 1)
            .Select(line => string.Join(',', line.Split(',').Where((_, i) => !dropped.Contains(i))))];
    }
}
