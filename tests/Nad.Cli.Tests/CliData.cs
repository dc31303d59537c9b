using System.IO.Compression;
using System.Text;
using Nad.Core.Reading;

namespace Nad.Cli.Tests;

/// <summary>Small real files cut from the bundled NSL-KDD data, written once per test run.</summary>
public sealed class CliData
{
    public CliData()
    {
        Folder = Path.Combine(Path.GetTempPath(), "nad-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        var train = Lines(BundledData.Train);
        var test = Lines(BundledData.TestPlus);
        // Every 25th training row (about 5,000, the class mix of the whole file), gzip with header.
        TrainPath = WriteGzip("train.csv.gz", [train[0], .. train.Skip(1).Where((_, i) => i % 25 == 0)]);
        // Every 20th KDDTest+ row, plain CSV without header.
        var testRows = test.Skip(1).Where((_, i) => i % 20 == 0).ToArray();
        TestPath = WriteText("test.csv", testRows);
        TestRows = testRows.Length;
        ModelPath = Path.Combine(Folder, "rf.nadmodel");
        var result = CliRunner.Run("train", "--model", "random-forest", "--data", TrainPath, "--out", ModelPath, "--param", "trees=20");
        if (result.ExitCode != 0) throw new InvalidOperationException("training for the CLI tests failed: " + result.StdErr);
    }

    public string Folder { get; }
    public string TrainPath { get; }
    public string TestPath { get; }
    public int TestRows { get; }
    public string ModelPath { get; }

    public string WriteText(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private string WriteGzip(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(Folder, name);
        using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
        return path;
    }

    public static string[] Lines(string gzipPath)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(gzipPath), CompressionMode.Decompress));
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return [.. lines];
    }

    /// <summary>The checkout (the folder holding Nad.slnx), for the samples under data/ and examples/.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Nad.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Nad.slnx not found above " + AppContext.BaseDirectory);
    }
}
