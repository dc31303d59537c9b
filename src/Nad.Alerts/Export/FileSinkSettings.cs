namespace Nad.Alerts.Export;

/// <summary>A JSON lines file (<see cref="JsonLinesFileSink"/>): one ECS document a line, rotated by size.</summary>
public sealed class FileSinkSettings
{
    /// <summary>The file; rotated copies sit beside it (<c>alerts.jsonl</c> → <c>alerts.1.jsonl</c>, <c>alerts.2.jsonl</c>, ...). Relative paths are under the data folder.</summary>
    public string Path { get; set; } = "";

    /// <summary>Rotate when the file would grow past this many bytes.</summary>
    public long MaxBytes { get; set; } = 100L << 20;

    /// <summary>Rotated files kept (the oldest beyond this is deleted); 0 keeps none: the file is truncated.</summary>
    public int Keep { get; set; } = 5;

    internal IEnumerable<string> Problems(string at)
    {
        if (string.IsNullOrWhiteSpace(Path)) yield return RetrySettings.Problem(at, "Path", Path, "a file path");
        if (MaxBytes < 1024) yield return RetrySettings.Problem(at, "MaxBytes", MaxBytes, "at least 1024");
        if (Keep is < 0 or > 1000) yield return RetrySettings.Problem(at, "Keep", Keep, "between 0 and 1000");
    }
}
