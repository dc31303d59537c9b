namespace Nad.Cli.Tests;

/// <summary>Tests that change the working folder or environment variables: process-wide, so nothing runs beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessScopeCollection
{
    public const string Name = "working folder and environment";
}

/// <summary>Sets the working folder and environment variables for one test and restores them after.</summary>
public sealed class ProcessScope : IDisposable
{
    private readonly string _workingFolder = Directory.GetCurrentDirectory();
    private readonly Dictionary<string, string?> _saved = [];

    public ProcessScope(string workingFolder, params (string Name, string? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            _saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
        Directory.SetCurrentDirectory(workingFolder);
    }

    public void Dispose()
    {
        Directory.SetCurrentDirectory(_workingFolder);
        foreach (var (name, value) in _saved) Environment.SetEnvironmentVariable(name, value);
    }

    /// <summary>A new empty folder under the temp folder.</summary>
    public static string NewFolder(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Every file under <paramref name="folder"/>, relative to it, with '/' separators.</summary>
    public static string[] FilesUnder(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order()];
}
