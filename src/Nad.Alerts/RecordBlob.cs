using System.Buffers.Binary;
using System.Text;
using Nad.Core.Records;
using Nad.Core.Wire;

namespace Nad.Alerts;

/// <summary>
/// The compact binary form of an alert's record, stored as a SQLite BLOB: a format byte (1),
/// the three categories as UTF-8 each ended by a zero byte (service first, so SQL finds it with
/// <c>instr(record, x'00')</c>), then the 38 numbers in schema order. A number that is a whole
/// number of hundredths (nearly every NSL-KDD value) is the varint of 2 x hundredths, so a 0 is
/// one byte; any other number is the varint 1 and its 8 IEEE bytes. About 60 bytes a record
/// instead of ~150 of JSON text, and no number formatting. A category that contains a zero byte
/// cannot be written (<see cref="TryWrite"/> returns false; the store keeps the text form then).
/// </summary>
public static class RecordBlob
{
    public const byte Format = 1;

    /// <summary>The SQL expression for a blob's service (the bytes between the format byte and the first zero).</summary>
    public const string ServiceSql = "CAST(substr(record, 2, instr(record, x'00') - 2) AS TEXT)";

    private const int Raw = 1; // the varint that announces 8 raw IEEE bytes
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>Room the blob of <paramref name="record"/> can need: format, 3 x (UTF-8 + zero), 38 x (varint + 8 bytes).</summary>
    public static int MaxLength(ConnectionRecord record) =>
        1 + 3 + Encoding.UTF8.GetMaxByteCount(record.ProtocolType.Length + record.Service.Length + record.Flag.Length) + 9 * NslKddSchema.NumericCount;

    /// <summary>Writes the blob into <paramref name="destination"/> (at least <see cref="MaxLength"/>); false when a category holds a zero character.</summary>
    public static bool TryWrite(ConnectionRecord record, Span<byte> destination, out int length)
    {
        length = 0;
        if (record.Service.Contains('\0') || record.ProtocolType.Contains('\0') || record.Flag.Contains('\0')) return false;
        var at = 0;
        destination[at++] = Format;
        at += Text(record.Service, destination[at..]);
        at += Text(record.ProtocolType, destination[at..]);
        at += Text(record.Flag, destination[at..]);
        foreach (var value in record.Numeric)
        {
            var hundredths = Math.Round(value * 100);
            // Exact: h / 100.0 is this very double, so reading gives it back bit for bit (negative zero keeps its 8 bytes).
            if (value >= 0 && !double.IsNegative(value) && hundredths < 1e17 && hundredths / 100 == value)
                at += Varint((ulong)hundredths << 1, destination[at..]);
            else
            {
                destination[at++] = Raw;
                BinaryPrimitives.WriteDoubleLittleEndian(destination[at..], value);
                at += 8;
            }
        }
        length = at;
        return true;
    }

    /// <summary>Reads a blob back; throws <see cref="FormatException"/> naming what is wrong when it is not one.</summary>
    public static ConnectionRecord Read(ReadOnlySpan<byte> blob)
    {
        if (blob.IsEmpty || blob[0] != Format) throw new FormatException("The stored record is not a record blob (unknown format byte).");
        var at = 1;
        var service = Category(blob, ref at, "service");
        var protocol = Category(blob, ref at, "protocol_type");
        var flag = Category(blob, ref at, "flag");
        var numeric = new double[NslKddSchema.NumericCount];
        var columns = NslKddSchema.NumericColumns;
        for (var i = 0; i < numeric.Length; i++)
        {
            var code = ReadVarint(blob, ref at, columns[i].Name);
            double value;
            if (code == Raw)
            {
                if (blob.Length - at < 8) throw new FormatException($"The stored record ends inside {columns[i].Name}.");
                value = BinaryPrimitives.ReadDoubleLittleEndian(blob[at..]);
                at += 8;
            }
            else if ((code & 1) == 0) value = (code >> 1) / 100.0;
            else throw new FormatException($"The stored record's {columns[i].Name} has an unknown number code.");
            if (columns[i].Validate(value) is { } problem) throw new FormatException($"The stored record's {columns[i].Name} is not {problem}.");
            numeric[i] = value;
        }
        if (at != blob.Length) throw new FormatException("The stored record has bytes after its 41 values.");
        return new ConnectionRecord(protocol, service, flag, numeric);
    }

    private static int Text(string value, Span<byte> destination)
    {
        var written = Encoding.UTF8.GetBytes(value, destination);
        destination[written] = 0;
        return written + 1;
    }

    private static string Category(ReadOnlySpan<byte> blob, ref int at, string name)
    {
        var end = blob[at..].IndexOf((byte)0);
        if (end < 0) throw new FormatException($"The stored record ends inside {name}.");
        var text = blob.Slice(at, end);
        at += end + 1;
        try
        {
            return CategoryValues.Get(StrictUtf8.GetString(text));
        }
        catch (ArgumentException)
        {
            throw new FormatException($"The stored record's {name} is not UTF-8.");
        }
    }

    private static int Varint(ulong value, Span<byte> destination)
    {
        var at = 0;
        while (value >= 0x80)
        {
            destination[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[at++] = (byte)value;
        return at;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> blob, ref int at, string name)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= blob.Length) throw new FormatException($"The stored record ends inside {name}.");
            var b = blob[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new FormatException($"The stored record's {name} is not a valid number.");
    }
}
