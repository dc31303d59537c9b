using System.Buffers;
using System.Text.Json;
using Nad.Core.Records;

namespace Nad.Core.Wire;

/// <summary>
/// Writes a record as one JSON object with the 41 NSL-KDD column names (the shape
/// <see cref="RecordJsonReader"/> accepts), optionally followed by its "connection" object
/// (<see cref="ConnectionJson"/>), so what one side writes the other reads.
/// </summary>
public static class RecordJsonWriter
{
    public static void Write(Utf8JsonWriter writer, ConnectionRecord record, ConnectionEndpoints? connection = null)
    {
        writer.WriteStartObject();
        foreach (var column in NslKddSchema.Columns)
        {
            if (column.IsCategorical) writer.WriteString(column.Name, record.Categorical(column.ValueIndex));
            else writer.WriteNumber(column.Name, record.Numeric[column.ValueIndex]);
        }
        if (connection is { } endpoints)
        {
            writer.WritePropertyName(RecordJsonReader.ConnectionField);
            ConnectionJson.Write(writer, endpoints);
        }
        writer.WriteEndObject();
    }

    public static string ToJson(ConnectionRecord record) => ToJson(record, null);

    public static string ToJson(ConnectionRecord record, ConnectionEndpoints? connection)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, record, connection);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
