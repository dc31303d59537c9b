namespace Nad.Core.ModelFiles;

/// <summary>A model file that cannot be used: missing, truncated, corrupted, foreign or too new. The message reads "PATH PROBLEM".</summary>
public sealed class ModelFileException(string path, string problem, Exception? inner = null)
    : Exception($"{path} {problem}", inner)
{
    public string Path { get; } = path;
}
