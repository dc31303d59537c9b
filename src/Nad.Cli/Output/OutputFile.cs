using Nad.Core.IO;

namespace Nad.Cli.Output;

/// <summary>
/// A file a command writes. "-" means stdout. A file is written beside its final name and moved
/// into place when complete, so a failed run leaves no half-written file; problems name the path
/// the user gave (never the temporary one).
/// </summary>
internal static class OutputFile
{
    public const string StandardOutput = "-";

    public static bool IsStandardOutput(string? path) => path == StandardOutput;

    /// <summary>Refuses, before any work, a path whose folder does not exist or that is itself a folder.</summary>
    public static void Check(string path, string option)
    {
        if (Directory.Exists(path))
            throw new ArgumentException($"{option} {path} is a folder; give a file name in it, e.g. {Path.Combine(path, "out.csv")}.");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
            throw new ArgumentException($"{option} {path}: the folder {Path.GetDirectoryName(path)} does not exist (nothing was written).");
    }

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, all or nothing (<see cref="AtomicFile"/>).</summary>
    public static T Write<T>(string path, string option, Func<TextWriter, T> write)
    {
        Check(path, option);
        try
        {
            return AtomicFile.WriteText(path, write);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{option} {path} could not be written: {e.Message}", e);
        }
    }
}
