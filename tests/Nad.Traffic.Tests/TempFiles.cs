namespace Nad.Traffic.Tests;

/// <summary>A scratch folder per test class, removed afterwards.</summary>
public sealed class TempFiles : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("nad-traffic-").FullName;

    public string Path(string name) => System.IO.Path.Combine(Folder, name);

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
