using System.IO.Compression;
using Nad.Core.Reading;

namespace Nad.Streaming.Tests;

/// <summary>Slices of the bundled training file written as CSV (header and the first rows), for publishing.</summary>
public static class TestData
{
    public static string TrainingFile => Path.Combine(BundledData.Folder(), BundledData.TrainFile);

    /// <summary>The header and the first <paramref name="rows"/> rows of the training file, as <paramref name="path"/>.</summary>
    public static string FirstRows(string path, int rows)
    {
        using var input = new StreamReader(new GZipStream(File.OpenRead(TrainingFile), CompressionMode.Decompress));
        using var output = new StreamWriter(path);
        for (var i = 0; i <= rows && input.ReadLine() is { } line; i++) output.WriteLine(line);
        return path;
    }
}
