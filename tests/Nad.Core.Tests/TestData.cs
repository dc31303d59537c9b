using System.IO.Compression;
using System.Text;
using Nad.Core.Reading;
using Nad.Core.Records;

namespace Nad.Core.Tests;

/// <summary>Real NSL-KDD data for tests: the bundled files, slices of them, and temp files made from their lines.</summary>
public static class TestData
{
    private static readonly Lazy<ConnectionDataset> TrainSet = new(() => NslKddReader.ReadFile(BundledData.Train));
    private static readonly Lazy<ConnectionDataset> TestPlusSet = new(() => NslKddReader.ReadFile(BundledData.TestPlus));

    public static string RepoRoot { get; } = FindRepoRoot();

    public static ConnectionDataset Train => TrainSet.Value;
    public static ConnectionDataset TestPlus => TestPlusSet.Value;

    /// <summary>Every k-th row of a data set (keeps the class mix of the whole file).</summary>
    public static ConnectionDataset EveryKth(ConnectionDataset data, int count, int offset = 0)
    {
        var step = Math.Max(1, data.Count / count);
        return data.Subset(Enumerable.Range(0, count).Select(i => (offset + i * step) % data.Count).ToArray());
    }

    /// <summary>The first <paramref name="count"/> text lines of a bundled file (header included), as they are on disk.</summary>
    public static string[] RawLines(string gzipPath, int count)
    {
        using var file = File.OpenRead(gzipPath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var lines = new List<string>();
        while (lines.Count < count && reader.ReadLine() is { } line) lines.Add(line);
        return [.. lines];
    }

    /// <summary>A fresh temp folder for one test.</summary>
    public static string TempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "nad-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static string WriteText(string folder, string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    public static string WriteGzip(string folder, string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(folder, name);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
        return path;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Nad.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Nad.slnx not found above the test folder.");
    }
}
