using System.Security.Cryptography;
using System.Text;

namespace Nad.Core.Training;

/// <summary>Identifies a training file by name and sha256 of its bytes as stored (compressed or not).</summary>
public static class DataFingerprint
{
    public static TrainingDataInfo Of(string path, long rows)
    {
        using var file = File.OpenRead(path);
        return new TrainingDataInfo(Path.GetFileName(path), Convert.ToHexStringLower(SHA256.HashData(file)), rows);
    }

    /// <summary>
    /// Several files read as one data set: the sha256 of their names and sha256s in order, so the same
    /// files give the same fingerprint and one changed byte or a file more gives another. One file is <see cref="Of(string, long)"/>.
    /// </summary>
    public static TrainingDataInfo Of(IReadOnlyList<string> paths, long rows)
    {
        ArgumentOutOfRangeException.ThrowIfZero(paths.Count, nameof(paths));
        if (paths.Count == 1) return Of(paths[0], rows);
        var manifest = new StringBuilder();
        foreach (var path in paths)
            manifest.Append(Path.GetFileName(path)).Append(' ').Append(Of(path, 0).Sha256).Append('\n');
        var name = $"{Path.GetFileName(paths[0])} and {paths.Count - 1} more files";
        return new TrainingDataInfo(name, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest.ToString()))), rows);
    }
}
