using System.Text;

namespace Nad.Core.Detectors;

/// <summary>
/// The frame of NAD's own binary model payloads: a 4-byte magic number, a format version, then
/// the model's fields. Reading checks both and turns a short payload into one clear
/// <see cref="InvalidDataException"/>, which <see cref="ModelFile"/> reports with the file name.
/// </summary>
public static class PayloadFormat
{
    public static void Write(Stream payload, uint magic, int version, Action<BinaryWriter> writeBody)
    {
        using var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true);
        writer.Write(magic);
        writer.Write(version);
        writeBody(writer);
    }

    /// <summary>True when a seekable payload starts with <paramref name="magic"/>; the stream is left where it was.</summary>
    public static bool StartsWith(Stream payload, uint magic)
    {
        if (!payload.CanSeek) return false;
        var start = payload.Position;
        Span<byte> head = stackalloc byte[4];
        var read = payload.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        payload.Position = start;
        return read == 4 && BitConverter.ToUInt32(head) == magic;
    }

    /// <param name="what">What the payload holds, for messages ("kNN model").</param>
    public static T Read<T>(Stream payload, uint magic, int version, string what, Func<BinaryReader, T> readBody) =>
        Read(payload, magic, version, version, what, (reader, _) => readBody(reader));

    /// <summary>Reads a payload written in any format from <paramref name="oldest"/> to <paramref name="newest"/>; the body reader gets the version found.</summary>
    public static T Read<T>(Stream payload, uint magic, int oldest, int newest, string what, Func<BinaryReader, int, T> readBody)
    {
        using var reader = new BinaryReader(payload, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (reader.ReadUInt32() != magic) throw new InvalidDataException($"not a {what} payload");
            var found = reader.ReadInt32();
            if (found < oldest || found > newest)
                throw new InvalidDataException(oldest == newest ? $"{what} payload format {found} is not {newest}" : $"{what} payload format {found} is not one of {oldest} to {newest}");
            return readBody(reader, found);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{what} payload is truncated", e);
        }
    }
}
