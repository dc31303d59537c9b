using System.Buffers;
using System.Text.Json;
using Nad.Core.Records;

namespace Nad.Core.Wire;

/// <summary>
/// Writes a record as one JSON object with the 41 NSL-KDD column names (the shape
/// <see cref="RecordJsonReader"/> accepts), optionally followed by its "connection" object
/// (<see cref="ConnectionJson"/>), so what one side writes the other reads. A record of another schema is
/// written by its own column names (<see cref="RecordSchema.FeatureColumns"/>: its columns in file order, then its
/// missing indicators, e.g. <c>"Flow Bytes/s (missing)": 1</c>); a number that is not finite is written as its text ("Infinity").
/// </summary>
public static class RecordJsonWriter
{
    public static void Write(Utf8JsonWriter writer, ConnectionRecord record, ConnectionEndpoints? connection = null)
    {
        writer.WriteStartObject();
        if (!record.Schema.IsNslKdd) WriteOther(writer, record);
        else
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

    private static void WriteOther(Utf8JsonWriter writer, ConnectionRecord record)
    {
        foreach (var column in record.Schema.FeatureColumns)
        {
            if (column.IsCategorical) writer.WriteString(column.Name, record.Categorical(column.ValueIndex));
            else if (record.Numeric[column.ValueIndex] is var value && double.IsFinite(value)) writer.WriteNumber(column.Name, value);
            else writer.WriteString(column.Name, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public static string ToJson(ConnectionRecord record) => ToJson(record, null);

    public static string ToJson(ConnectionRecord record, ConnectionEndpoints? connection)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, record, connection);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
