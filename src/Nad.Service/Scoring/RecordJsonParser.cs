using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Nad.Core.Records;

namespace Nad.Service.Scoring;

/// <summary>What a JSON body held: the records (when every one was valid) and whether it was an array.</summary>
public sealed record ParsedRecords(IReadOnlyList<ConnectionRecord> Records, bool IsBatch);

/// <summary>
/// Reads one connection record (a JSON object) or an array of them, strictly: every one of the 41
/// NSL-KDD fields must be present, under its CSV column name, with the right JSON type and a valid
/// value (<see cref="FeatureColumn.Validate"/>); unknown and repeated fields are refused. Every
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
                    if (ParseRecord(ref reader, "", errors) is { } record) records.Add(record);
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
                            if (ParseRecord(ref reader, $"[{index}].", errors) is { } item) records.Add(item);
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
        return errors.Any ? null : new ParsedRecords(records, isBatch);
    }

    private static ConnectionRecord? ParseRecord(ref Utf8JsonReader reader, string prefix, FieldErrors errors)
    {
        var before = errors.Count;
        Span<bool> seen = stackalloc bool[NslKddSchema.FeatureCount];
        Span<char> nameBuffer = stackalloc char[64];
        var categorical = new string[NslKddSchema.CategoricalColumns.Count];
        var numeric = new double[NslKddSchema.NumericCount];

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            FeatureColumn? column = null;
            var nameLength = reader.HasValueSequence || reader.ValueSpan.Length <= nameBuffer.Length
                ? TryCopyName(ref reader, nameBuffer) : -1;
            if (nameLength >= 0) ColumnLookup.TryGetValue(nameBuffer[..nameLength], out column);
            if (column is null)
            {
                var name = reader.GetString() ?? "";
                reader.Read();
                errors.Add(prefix + Shorten(name), "is not an NSL-KDD feature (extra field); the 41 field names are the CSV column names, e.g. srcbytes");
                reader.Skip();
                continue;
            }
            reader.Read();
            var field = prefix + column.Name;
            if (seen[column.Index])
            {
                errors.Add(field, "appears more than once");
                reader.Skip();
                continue;
            }
            seen[column.Index] = true;

            if (column.IsCategorical)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    errors.Add(field, $"is {Describe(reader.TokenType)}; expected a string such as {Example(column)}");
                    reader.Skip();
                    continue;
                }
                var value = reader.GetString()!;
                if (string.IsNullOrWhiteSpace(value)) errors.Add(field, $"is empty; expected a name such as {Example(column)}");
                else if (value.Length > MaxCategoryLength) errors.Add(field, $"is longer than {MaxCategoryLength} characters");
                else categorical[column.ValueIndex] = value;
                continue;
            }

            if (reader.TokenType != JsonTokenType.Number)
            {
                errors.Add(field, $"is {Describe(reader.TokenType)}; expected a number ({Expected(column)})");
                reader.Skip();
                continue;
            }
            if (!reader.TryGetDouble(out var number))
            {
                errors.Add(field, "is not a representable number; expected a finite number");
                continue;
            }
            if (column.Validate(number) is { } expected)
            {
                errors.Add(field, $"is {number.ToString("R", CultureInfo.InvariantCulture)}; expected {expected}");
                continue;
            }
            numeric[column.ValueIndex] = number;
        }

        foreach (var column in NslKddSchema.Columns)
            if (!seen[column.Index])
                errors.Add(prefix + column.Name, $"is missing ({(column.IsCategorical ? "a string such as " + Example(column) : Expected(column))})");

        return errors.Count == before ? new ConnectionRecord(categorical[0], categorical[1], categorical[2], numeric) : null;
    }

    private static bool IsBlank(ReadOnlySequence<byte> json)
    {
        foreach (var segment in json)
            foreach (var b in segment.Span)
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        return true;
    }

    private static int TryCopyName(ref Utf8JsonReader reader, scoped Span<char> buffer)
    {
        try
        {
            return reader.CopyString(buffer);
        }
        catch (ArgumentException)
        {
            return -1; // longer than any column name
        }
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
