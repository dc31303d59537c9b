using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Nad.Core.Records;

namespace Nad.Service.Scoring;

/// <summary>
/// What a JSON body held: the records (when every one was valid), whether it was an array, and per
/// record the optional "connection" object (hosts, ports, start time: stored with the record's alert);
/// Connections is null when no record had one.
/// </summary>
public sealed record ParsedRecords(IReadOnlyList<ConnectionRecord> Records, bool IsBatch, IReadOnlyList<ConnectionEndpoints?>? Connections = null);

/// <summary>
/// Reads one connection record (a JSON object) or an array of them, strictly: every one of the 41
/// NSL-KDD fields must be present, under its CSV column name, with the right JSON type and a valid
/// value (<see cref="FeatureColumn.Validate"/>); unknown and repeated fields are refused, except one
/// optional "connection" object (start_time, src_addr, src_port, dst_addr, dst_port, as
/// <c>nad extract</c> names them) that says where a record from real traffic came from. Every
/// problem is collected and named, so one answer tells the client everything to fix.
/// An unseen categorical value is valid here: the model scores it and the answer flags it.
/// </summary>
public static class RecordJsonParser
{
    /// <summary>Longest categorical value accepted (NSL-KDD's longest service name has 11 characters).</summary>
    public const int MaxCategoryLength = 64;

    private static readonly Dictionary<string, FeatureColumn> Columns =
        NslKddSchema.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);

    private static readonly Dictionary<string, FeatureColumn>.AlternateLookup<ReadOnlySpan<char>> ColumnLookup =
        Columns.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly byte[][] Utf8Names = [.. NslKddSchema.Columns.Select(c => System.Text.Encoding.UTF8.GetBytes(c.Name))];

    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 };

    /// <summary>Parses <paramref name="json"/>; returns null and fills <paramref name="errors"/> when anything is wrong.</summary>
    public static ParsedRecords? Parse(ReadOnlySequence<byte> json, int maxRecords, FieldErrors errors)
    {
        if (IsBlank(json))
        {
            errors.Add("$", "the body is empty; expected one connection record (a JSON object) or an array of them");
            return null;
        }
        var reader = new Utf8JsonReader(json, ReaderOptions);
        var records = new List<ConnectionRecord>();
        List<ConnectionEndpoints?>? connections = null;
        var isBatch = false;
        try
        {
            if (!reader.Read())
            {
                errors.Add("$", "the body is empty; expected one connection record (a JSON object) or an array of them");
                return null;
            }
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    if (ParseRecord(ref reader, -1, errors, out var only) is { } record) Add(record, only);
                    break;
                case JsonTokenType.StartArray:
                    isBatch = true;
                    var index = 0;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (index == maxRecords)
                        {
                            errors.Add("$", $"the batch has more than {maxRecords} records; send at most {maxRecords} per request (or use /api/v1/score-file)");
                            return null;
                        }
                        if (reader.TokenType == JsonTokenType.StartObject)
                        {
                            if (ParseRecord(ref reader, index, errors, out var connection) is { } item) Add(item, connection);
                        }
                        else
                        {
                            errors.Add($"[{index}]", $"is {Describe(reader.TokenType)}; expected a connection record (a JSON object)");
                            reader.Skip();
                        }
                        index++;
                    }
                    if (index == 0) errors.Add("$", "the batch is empty; send at least one record");
                    break;
                default:
                    errors.Add("$", $"the body is {Describe(reader.TokenType)}; expected one connection record (a JSON object) or an array of them");
                    return null;
            }
            if (reader.Read()) errors.Add("$", "there is more after the JSON value; send one record or one array");
        }
        catch (JsonException e)
        {
            errors.Add("$", $"malformed JSON: {e.Message}");
            return null;
        }
        return errors.Any ? null : new ParsedRecords(records, isBatch, connections);

        void Add(ConnectionRecord record, ConnectionEndpoints? connection)
        {
            // The list of connections is made at the first record that has one, with nulls for those before it.
            if (connection is not null && connections is null) connections = [.. Enumerable.Repeat<ConnectionEndpoints?>(null, records.Count)];
            connections?.Add(connection);
            records.Add(record);
        }
    }

    /// <summary>The optional context object's name, and its fields (the names of <c>nad extract</c>'s CSV columns).</summary>
    public const string ConnectionField = "connection";

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
                var name = reader.GetString() ?? "";
                reader.Read();
                if (name == ConnectionField)
                {
                    if (sawConnection) errors.Add(Field(index, name), "appears more than once");
                    var parsed = ParseConnection(ref reader, Field(index, name), errors);
                    if (!sawConnection) connection = parsed;
                    sawConnection = true;
                    continue;
                }
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

    /// <summary>
    /// The "connection" object: all five fields, an ISO 8601 start time, IPv4 or IPv6 addresses, ports
    /// 0-65535, nothing else. Null (and errors named "connection.src_port" and so on) when any is wrong.
    /// </summary>
    private static ConnectionEndpoints? ParseConnection(ref Utf8JsonReader reader, string field, FieldErrors errors)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            errors.Add(field, $"is {Describe(reader.TokenType)}; expected an object with start_time, src_addr, src_port, dst_addr and dst_port");
            reader.Skip();
            return null;
        }
        var before = errors.Count;
        DateTimeOffset? start = null;
        HostAddress? source = null, destination = null;
        int? sourcePort = null, destinationPort = null;
        var named = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString() ?? "";
            reader.Read();
            var where = $"{field}.{Shorten(name)}";
            if (!named.Add(name))
            {
                errors.Add(where, "appears more than once");
                reader.Skip();
                continue;
            }
            switch (name)
            {
                case "start_time":
                    if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var time)) start = time;
                    else errors.Add(where, "is not an ISO 8601 time such as \"2026-12-01T10:00:00Z\"");
                    break;
                case "src_addr" or "dst_addr":
                    var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    if (text is null || text.Length > 45 || !IPAddress.TryParse(text, out var address)) errors.Add(where, "is not an IPv4 or IPv6 address");
                    else if (name == "src_addr") source = HostAddress.From(address); // a zone (%eth0) names an interface, not a host: dropped
                    else destination = HostAddress.From(address);
                    break;
                case "src_port" or "dst_port":
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var port) && port is >= 0 and <= 65535)
                    {
                        if (name == "src_port") sourcePort = port;
                        else destinationPort = port;
                    }
                    else errors.Add(where, "is not a port (a whole number from 0 to 65535)");
                    break;
                default:
                    errors.Add(where, "is not a connection field; expected start_time, src_addr, src_port, dst_addr, dst_port");
                    break;
            }
            reader.Skip(); // a value's end, or the whole of a wrong object or array
        }
        foreach (var required in (string[])["start_time", "src_addr", "src_port", "dst_addr", "dst_port"])
            if (!named.Contains(required)) errors.Add($"{field}.{required}", "is missing");
        return errors.Count == before ? new ConnectionEndpoints(start!.Value, source!.Value, sourcePort!.Value, destination!.Value, destinationPort!.Value) : null;
    }

    /// <summary>The column a property name names, by dictionary (any order, escaped names), or null.</summary>
    private static FeatureColumn? FindColumn(ref Utf8JsonReader reader, scoped Span<char> buffer)
    {
        var length = TryCopyString(ref reader, buffer);
        return length >= 0 && ColumnLookup.TryGetValue(buffer[..length], out var column) ? column : null;
    }

    /// <summary>How errors name a field: "srcbytes" in a single record, "[3].srcbytes" in a batch. Built only for errors.</summary>
    private static string Field(int index, string name) => index < 0 ? name : $"[{index}].{name}";

    private static bool IsBlank(ReadOnlySequence<byte> json)
    {
        foreach (var segment in json)
            foreach (var b in segment.Span)
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        return true;
    }

    /// <summary>The token's text copied into <paramref name="buffer"/>, or -1 when it is longer than the buffer.</summary>
    private static int TryCopyString(ref Utf8JsonReader reader, scoped Span<char> buffer)
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

    private static string Shorten(string name) => name.Length <= 64 ? name : name[..64] + "...";

    private static string Describe(JsonTokenType token) => token switch
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
