using System.Buffers;
using System.Text.Json;
using Nad.Core.Records;

namespace Nad.Core.Wire;

/// <summary>Reads one record object at the reader's StartObject (index -1 for a single record); null and errors added when it is not valid.</summary>
internal interface IRecordObjectReader
{
    ConnectionRecord? Read(ref Utf8JsonReader reader, int index, FieldErrors errors, out ConnectionEndpoints? connection);
}

/// <summary>
/// What every record JSON body shares, whatever the schema: one record (an object) or an array of at most
/// <c>maxRecords</c> of them, nothing after it, every problem named in <see cref="FieldErrors"/>. The object
/// itself is read by an <see cref="IRecordObjectReader"/> (a struct, so NSL-KDD's fast path pays no call).
/// </summary>
internal static class RecordEnvelope
{
    private const string Expected = "expected one connection record (a JSON object) or an array of them";

    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 };

    public static ParsedRecords? Parse<TObjects>(ReadOnlySequence<byte> json, int maxRecords, FieldErrors errors, TObjects objects)
        where TObjects : struct, IRecordObjectReader
    {
        if (IsBlank(json))
        {
            errors.Add("$", "the body is empty; " + Expected);
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
                errors.Add("$", "the body is empty; " + Expected);
                return null;
            }
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    if (objects.Read(ref reader, -1, errors, out var only) is { } record) Add(record, only);
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
                            if (objects.Read(ref reader, index, errors, out var connection) is { } item) Add(item, connection);
                        }
                        else
                        {
                            errors.Add($"[{index}]", $"is {RecordJsonReader.Describe(reader.TokenType)}; expected a connection record (a JSON object)");
                            reader.Skip();
                        }
                        index++;
                    }
                    if (index == 0) errors.Add("$", "the batch is empty; send at least one record");
                    break;
                default:
                    errors.Add("$", $"the body is {RecordJsonReader.Describe(reader.TokenType)}; " + Expected);
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

    private static bool IsBlank(ReadOnlySequence<byte> json)
    {
        foreach (var segment in json)
            foreach (var b in segment.Span)
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        return true;
    }
}
