using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Nad.Core.Records;

namespace Nad.Core.Wire;

/// <summary>
/// Reads one connection record (a JSON object) or an array of them, strictly: every one of the 41
/// NSL-KDD fields must be present, under its CSV column name, with the right JSON type and a valid
/// value (<see cref="FeatureColumn.Validate"/>); unknown and repeated fields are refused, except one
/// optional "connection" object (start_time, src_addr, src_port, dst_addr, dst_port, as
/// <c>nad extract</c> names them) that says where a record from real traffic came from. Every
/// problem is collected and named, so one answer tells the client everything to fix.
/// An unseen categorical value is valid here: the model scores it and the answer flags it.
/// </summary>
public static class RecordJsonReader
{
    /// <summary>Longest categorical value accepted (NSL-KDD's longest service name has 11 characters).</summary>
    public const int MaxCategoryLength = 64;

    private static readonly Dictionary<string, FeatureColumn> Columns =
        NslKddSchema.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);

    private static readonly Dictionary<string, FeatureColumn>.AlternateLookup<ReadOnlySpan<char>> ColumnLookup =
        Columns.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly byte[][] Utf8Names = [.. NslKddSchema.Columns.Select(c => System.Text.Encoding.UTF8.GetBytes(c.Name))];

    /// <summary>Parses <paramref name="json"/>; returns null and fills <paramref name="errors"/> when anything is wrong.</summary>
    public static ParsedRecords? Parse(ReadOnlySequence<byte> json, int maxRecords, FieldErrors errors) =>
        RecordEnvelope.Parse(json, maxRecords, errors, default(NslKddObjects));

    private readonly struct NslKddObjects : IRecordObjectReader
    {
        public ConnectionRecord? Read(ref Utf8JsonReader reader, int index, FieldErrors errors, out ConnectionEndpoints? connection) =>
            ParseRecord(ref reader, index, errors, out connection);
    }

    /// <summary>The optional context object's name (<see cref="ConnectionJson"/>).</summary>
    public const string ConnectionField = "connection";

    private static ReadOnlySpan<byte> ConnectionFieldUtf8 => "connection"u8;

    private static ConnectionRecord? ParseRecord(ref Utf8JsonReader reader, int index, FieldErrors errors, out ConnectionEndpoints? connection)
    {
        connection = null;
        var sawConnection = false;
        var before = errors.Count;
        Span<bool> seen = stackalloc bool[NslKddSchema.FeatureCount];
        Span<char> text = stackalloc char[MaxCategoryLength];
        var categorical = new string[NslKddSchema.CategoricalColumns.Count];
        var numeric = new double[NslKddSchema.NumericCount];
        var next = 0; // clients usually send the fields in schema order: try the next column's name first

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var column = next < Utf8Names.Length && !reader.HasValueSequence && !reader.ValueIsEscaped
                                 && reader.ValueSpan.SequenceEqual(Utf8Names[next])
                ? NslKddSchema.Columns[next]
                : FindColumn(ref reader, text);
            if (column is null)
            {
                if (reader.ValueTextEquals(ConnectionFieldUtf8))
                {
                    reader.Read();
                    if (sawConnection) errors.Add(Field(index, ConnectionField), "appears more than once");
                    var parsed = ConnectionJson.Read(ref reader, index, errors);
                    if (!sawConnection) connection = parsed;
                    sawConnection = true;
                    continue;
                }
                var name = reader.GetString() ?? "";
                reader.Read();
                errors.Add(Field(index, Shorten(name)), "is not an NSL-KDD feature (extra field); the 41 field names are the CSV column names, e.g. srcbytes");
                reader.Skip();
                continue;
            }
            next = column.Index + 1;
            reader.Read();
            if (seen[column.Index])
            {
                errors.Add(Field(index, column.Name), "appears more than once");
                reader.Skip();
                continue;
            }
            seen[column.Index] = true;

            if (column.IsCategorical)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    errors.Add(Field(index, column.Name), $"is {Describe(reader.TokenType)}; expected a string such as {Example(column)}");
                    reader.Skip();
                    continue;
                }
                // Known values (the loaded models' vocabularies) come back as the one shared string: no allocation per record.
                var length = TryCopyString(ref reader, text);
                if (length < 0) errors.Add(Field(index, column.Name), $"is longer than {MaxCategoryLength} characters");
                else if (text[..length].IsWhiteSpace()) errors.Add(Field(index, column.Name), $"is empty; expected a name such as {Example(column)}");
                else categorical[column.ValueIndex] = CategoryValues.Get(text[..length]);
                continue;
            }

            if (reader.TokenType != JsonTokenType.Number)
            {
                errors.Add(Field(index, column.Name), $"is {Describe(reader.TokenType)}; expected a number ({Expected(column)})");
                reader.Skip();
                continue;
            }
            if (!(!reader.HasValueSequence && DecimalText.TryParse(reader.ValueSpan, out var number)) && !reader.TryGetDouble(out number))
            {
                errors.Add(Field(index, column.Name), "is not a representable number; expected a finite number");
                continue;
            }
            if (column.Validate(number) is { } expected)
            {
                errors.Add(Field(index, column.Name), $"is {number.ToString("R", CultureInfo.InvariantCulture)}; expected {expected}");
                continue;
            }
            numeric[column.ValueIndex] = number;
        }

        if (seen.Contains(false))
            foreach (var column in NslKddSchema.Columns)
                if (!seen[column.Index])
                    errors.Add(Field(index, column.Name), $"is missing ({(column.IsCategorical ? "a string such as " + Example(column) : Expected(column))})");

        return errors.Count == before ? new ConnectionRecord(categorical[0], categorical[1], categorical[2], numeric) : null;
    }

    /// <summary>One record (a JSON object) in <paramref name="utf8"/>; a <see cref="JsonException"/> naming every problem otherwise.</summary>
    public static ConnectionRecord ParseOne(byte[] utf8)
    {
        var errors = new FieldErrors(5);
        var parsed = Parse(new ReadOnlySequence<byte>(utf8), 1, errors);
        return parsed is { IsBatch: false, Records: [var record] }
            ? record
            : throw new JsonException("Not a valid connection record: " + string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key} {string.Join(", ", e.Value)}")));
    }

    /// <summary>The column a property name names, by dictionary (any order, escaped names), or null.</summary>
    private static FeatureColumn? FindColumn(ref Utf8JsonReader reader, scoped Span<char> buffer)
    {
        var length = TryCopyString(ref reader, buffer);
        return length >= 0 && ColumnLookup.TryGetValue(buffer[..length], out var column) ? column : null;
    }

    /// <summary>How errors name a field: "srcbytes" in a single record, "[3].srcbytes" in a batch. Built only for errors.</summary>
    internal static string Field(int index, string name) => index < 0 ? name : $"[{index}].{name}";


    /// <summary>The token's text copied into <paramref name="buffer"/>, or -1 when it is longer than the buffer.</summary>
    internal static int TryCopyString(ref Utf8JsonReader reader, scoped Span<char> buffer)
    {
        // A character takes at least one byte (an escape six), so short texts always fit and long ones never do.
        var bytes = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (bytes <= buffer.Length) return reader.CopyString(buffer);
        if (bytes > buffer.Length * 6L) return -1;
        var value = reader.GetString()!;
        if (value.Length > buffer.Length) return -1;
        value.CopyTo(buffer);
        return value.Length;
    }

    internal static string Shorten(string name) => name.Length <= 64 ? name : name[..64] + "...";

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };

    private static string Example(FeatureColumn column) => column.Name switch
    {
        "protocoltype" => "\"tcp\"",
        "service" => "\"http\"",
        _ => "\"SF\"",
    };

    private static string Expected(FeatureColumn column) => column.Kind switch
    {
        FeatureKind.Binary => "0 or 1",
        FeatureKind.Rate => "a rate from 0 to 1",
        _ => "zero or more",
    };
}
