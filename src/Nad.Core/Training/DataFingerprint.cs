using System.Security.Cryptography;

namespace Nad.Core.Training;

/// <summary>Identifies a training file by name and sha256 of its bytes as stored (compressed or not).</summary>
public static class DataFingerprint
{
    public static TrainingDataInfo Of(string path, long rows)
    {
        using var file = File.OpenRead(path);
        return new TrainingDataInfo(Path.GetFileName(path), Convert.ToHexStringLower(SHA256.HashData(file)), rows);
    }
}
