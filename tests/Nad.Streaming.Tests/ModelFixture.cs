using Nad.Core.ModelFiles;
using Nad.Core.Training;

namespace Nad.Streaming.Tests;

/// <summary>A small random forest trained once by the nad CLI on the first 5,000 training rows, and a folder for the tests' files.</summary>
public sealed class ModelFixture : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("nad-streaming-").FullName;
    public string ModelPath => Path.Combine(Folder, "rf.nadmodel");
    public Detector Detector { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var data = TestData.FirstRows(Path.Combine(Folder, "train5000.csv"), 5000);
        var (code, stderr) = await NadProcess.RunAsync("train", "--model", "random-forest", "--param", "trees=10", "--data", data, "--out", ModelPath);
        if (code != 0) throw new InvalidOperationException($"nad train failed ({code}): {stderr}");
        Detector = ModelFile.Load(ModelPath);
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class StreamingCollection : ICollectionFixture<ModelFixture>
{
    public const string Name = "streaming";
}
