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
/// <para>
/// A record of any other schema (UNSW-NB15, CIC-IDS2017, a custom one) is format 2: the format byte, its
/// categorical column named <c>service</c> as UTF-8 ended by a zero byte (empty when the schema has none; only up
/// to a zero character: a copy for SQL, so <see cref="ServiceSql"/> reads both formats), the schema's name, the
/// categorical values (each a varint length and UTF-8, so any character is kept), the count of numbers and the
/// numbers encoded as in format 1 (missing indicators included). Read back with its schema found by name
/// (<see cref="SchemaResolver"/>); a blob whose schema is not known, or whose counts no longer match it, does not
/// read and names the schema (the row itself is kept).
/// </para>
/// </summary>
public static class RecordBlob
{
    public const byte Format = 1;

    /// <summary>The format byte of a record of a schema other than NSL-KDD.</summary>
    public const byte SchemaFormat = 2;

    /// <summary>The SQL expression for a blob's service (the bytes between the format byte and the first zero).</summary>
    public const string ServiceSql = "CAST(substr(record, 2, instr(record, x'00') - 2) AS TEXT)";

    private const int Raw = 1; // the varint that announces 8 raw IEEE bytes
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>Room the blob of <paramref name="record"/> can need: format, 3 x (UTF-8 + zero), 38 x (varint + 8 bytes).</summary>
    public static int MaxLength(ConnectionRecord record) => !record.Schema.IsNslKdd ? MaxLengthOther(record) :
        1 + 3 + Encoding.UTF8.GetMaxByteCount(record.ProtocolType.Length + record.Service.Length + record.Flag.Length) + 9 * NslKddSchema.NumericCount;

    /// <summary>Writes the blob into <paramref name="destination"/> (at least <see cref="MaxLength"/>); false when a category holds a zero character.</summary>
    public static bool TryWrite(ConnectionRecord record, Span<byte> destination, out int length)
    {
        length = 0;
        if (!record.Schema.IsNslKdd) return TryWriteOther(record, destination, out length);
        if (record.Service.Contains('\0') || record.ProtocolType.Contains('\0') || record.Flag.Contains('\0')) return false;
        var at = 0;
        destination[at++] = Format;
        at += Text(record.Service, destination[at..]);
        at += Text(record.ProtocolType, destination[at..]);
        at += Text(record.Flag, destination[at..]);
        foreach (var value in record.Numeric) at += Number(value, destination[at..]);
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
            var value = ReadNumber(blob, ref at, columns[i].Name);
            if (columns[i].Validate(value) is { } problem) throw new FormatException($"The stored record's {columns[i].Name} is not {problem}.");
            numeric[i] = value;
        }
        if (at != blob.Length) throw new FormatException("The stored record has bytes after its 41 values.");
        return new ConnectionRecord(protocol, service, flag, numeric);
    }

    /// <summary>Reads a blob of either format; a format 2 blob's schema is found by <paramref name="schemas"/>.</summary>
    public static ConnectionRecord Read(ReadOnlySpan<byte> blob, SchemaResolver schemas) =>
        !blob.IsEmpty && blob[0] == SchemaFormat ? ReadOther(blob, schemas) : Read(blob);

    /// <summary>The name of the schema a format 2 blob says it follows, or null when it is not one (for messages).</summary>
    public static string? SchemaName(ReadOnlySpan<byte> blob)
    {
        if (blob.IsEmpty || blob[0] != SchemaFormat) return null;
        try
        {
            var at = 1;
            var end = blob[at..].IndexOf((byte)0);
            if (end < 0) return null;
            at += end + 1;
            return LengthText(blob, ref at, "the schema name");
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static int MaxLengthOther(ConnectionRecord record)
    {
        // Format byte, service and its zero, name and its length, the two counts, each category and its length, the numbers.
        var service = ServiceIndex(record.Schema);
        var length = 1 + (service >= 0 ? Encoding.UTF8.GetMaxByteCount(record.Categorical(service).Length) : 0) + 1
            + 10 + Encoding.UTF8.GetMaxByteCount(record.Schema.Name.Length) + 10 + 10 + 9 * record.Numeric.Length;
        for (var i = 0; i < record.CategoricalCount; i++) length += 10 + Encoding.UTF8.GetMaxByteCount(record.Categorical(i).Length);
        return length;
    }

    private static int ServiceIndex(RecordSchema schema) => RecordCategories.IndexOf(schema, RecordCategories.ServiceColumn);

    private static bool TryWriteOther(ConnectionRecord record, Span<byte> destination, out int length)
    {
        var at = 0;
        destination[at++] = SchemaFormat;
        var service = ServiceIndex(record.Schema) is var s and >= 0 ? record.Categorical(s) : "";
        var zero = service.IndexOf('\0');
        at += Text(zero < 0 ? service : service[..zero], destination[at..]);
        at += LengthText(record.Schema.Name, destination[at..]);
        at += Varint((ulong)record.CategoricalCount, destination[at..]);
        for (var i = 0; i < record.CategoricalCount; i++) at += LengthText(record.Categorical(i), destination[at..]);
        at += Varint((ulong)record.Numeric.Length, destination[at..]);
        foreach (var value in record.Numeric) at += Number(value, destination[at..]);
        length = at;
        return true;
    }

    private static ConnectionRecord ReadOther(ReadOnlySpan<byte> blob, SchemaResolver schemas)
    {
        var at = 1;
        var end = blob[at..].IndexOf((byte)0);
        if (end < 0) throw new FormatException("The stored record ends inside its service.");
        at += end + 1;
        var name = LengthText(blob, ref at, "the schema name");
        var schema = schemas.Find(name)
            ?? throw new FormatException($"The stored record is of schema '{name}', which is not known here (no loaded model reads it); the row is kept and reads once a model of schema '{name}' is loaded.");
        var categoricalCount = ReadVarint(blob, ref at, "the categorical count");
        if (categoricalCount != (ulong)schema.CategoricalColumns.Count)
            throw new FormatException($"The stored record has {categoricalCount} categorical values and schema '{name}' has {schema.CategoricalColumns.Count}.");
        var categorical = new string[schema.CategoricalColumns.Count];
        for (var i = 0; i < categorical.Length; i++) categorical[i] = CategoryValues.Get(LengthText(blob, ref at, schema.CategoricalColumns[i].Name));
        var numericCount = ReadVarint(blob, ref at, "the numeric count");
        var names = schema.NumericFeatureNames;
        if (numericCount != (ulong)names.Count)
            throw new FormatException($"The stored record has {numericCount} numbers and schema '{name}' has {names.Count}.");
        var numeric = new double[names.Count];
        for (var i = 0; i < numeric.Length; i++) numeric[i] = ReadNumber(blob, ref at, names[i]);
        if (at != blob.Length) throw new FormatException($"The stored record has bytes after its {categorical.Length + numeric.Length} values.");
        return new ConnectionRecord(schema, categorical, numeric);
    }

    // Both formats write a number so: the varint of 2 x hundredths when that is exact, else the varint 1 and 8 IEEE bytes.
    private static int Number(double value, Span<byte> destination)
    {
        var hundredths = Math.Round(value * 100);
        // Exact: h / 100.0 is this very double, so reading gives it back bit for bit (negative zero keeps its 8 bytes).
        if (value >= 0 && !double.IsNegative(value) && hundredths < 1e17 && hundredths / 100 == value)
            return Varint((ulong)hundredths << 1, destination);
        destination[0] = Raw;
        BinaryPrimitives.WriteDoubleLittleEndian(destination[1..], value);
        return 9;
    }

    private static double ReadNumber(ReadOnlySpan<byte> blob, ref int at, string name)
    {
        var code = ReadVarint(blob, ref at, name);
        if ((code & 1) == 0) return (code >> 1) / 100.0;
        if (code != Raw) throw new FormatException($"The stored record's {name} has an unknown number code.");
        if (blob.Length - at < 8) throw new FormatException($"The stored record ends inside {name}.");
        var value = BinaryPrimitives.ReadDoubleLittleEndian(blob[at..]);
        at += 8;
        return value;
    }

    private static int LengthText(string value, Span<byte> destination)
    {
        var at = Varint((ulong)Encoding.UTF8.GetByteCount(value), destination);
        return at + Encoding.UTF8.GetBytes(value, destination[at..]);
    }

    private static string LengthText(ReadOnlySpan<byte> blob, ref int at, string name)
    {
        var length = ReadVarint(blob, ref at, name);
        if (length > (ulong)(blob.Length - at)) throw new FormatException($"The stored record ends inside {name}.");
        var text = blob.Slice(at, (int)length);
        at += (int)length;
        try
        {
            return StrictUtf8.GetString(text);
        }
        catch (ArgumentException)
        {
            throw new FormatException($"The stored record's {name} is not UTF-8.");
        }
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
