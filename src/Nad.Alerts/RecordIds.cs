using System.Globalization;
using System.Security.Cryptography;

namespace Nad.Alerts;

/// <summary>
/// Stable record ids: <c>source/file-sha256-12/position</c> for a record read from a file (the same file
/// published twice gives the same ids, so the second publish is a duplicate), and
/// <c>api/random-12/position</c> for the records of one service request (each request its own).
/// </summary>
public static class RecordIds
{
    /// <summary>The first 12 hex digits of a file's SHA-256: who published it does not matter, its bytes do.</summary>
    public static string FileKey(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
    }

    public static string For(string source, string key, long position) =>
        string.Create(CultureInfo.InvariantCulture, $"{source}/{key}/{position}");

    /// <summary>A fresh key for one service request.</summary>
    public static string NewRequestKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
