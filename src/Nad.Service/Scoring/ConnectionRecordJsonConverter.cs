using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Nad.Core.Records;

namespace Nad.Service.Scoring;

/// <summary>
/// Writes a record as one JSON object with the 41 NSL-KDD column names (the same shape the API
/// accepts); reads through <see cref="RecordJsonParser"/>, so stored and posted records obey one rule.
/// </summary>
public sealed class ConnectionRecordJsonConverter : JsonConverter<ConnectionRecord>
{
    public override ConnectionRecord Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return Parse(JsonSerializer.SerializeToUtf8Bytes(document.RootElement));
    }

    public override void Write(Utf8JsonWriter writer, ConnectionRecord value, JsonSerializerOptions options) => WriteRecord(writer, value);

    public static void WriteRecord(Utf8JsonWriter writer, ConnectionRecord record, ConnectionEndpoints? connection = null)
    {
        writer.WriteStartObject();
        foreach (var column in NslKddSchema.Columns)
        {
            if (column.IsCategorical) writer.WriteString(column.Name, record.Categorical(column.ValueIndex));
            else writer.WriteNumber(column.Name, record.Numeric[column.ValueIndex]);
        }
        if (connection is { } c)
        {
            // The optional context RecordJsonParser reads (nad watch --post-to sends it, so alerts keep hosts and ports).
            writer.WriteStartObject(RecordJsonParser.ConnectionField);
            writer.WriteString("start_time", c.StartTime);
            writer.WriteString("src_addr", c.SourceAddress.ToString());
            writer.WriteNumber("src_port", c.SourcePort);
            writer.WriteString("dst_addr", c.DestinationAddress.ToString());
            writer.WriteNumber("dst_port", c.DestinationPort);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    public static string ToJson(ConnectionRecord record) => ToJson(record, null);

    public static string ToJson(ConnectionRecord record, ConnectionEndpoints? connection)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer)) WriteRecord(writer, record, connection);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static ConnectionRecord Parse(byte[] utf8)
    {
        var errors = new FieldErrors(5);
        var parsed = RecordJsonParser.Parse(new ReadOnlySequence<byte>(utf8), 1, errors);
        return parsed is { IsBatch: false, Records: [var record] }
            ? record
            : throw new JsonException("Not a valid connection record: " + string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key} {string.Join(", ", e.Value)}")));
    }
}
