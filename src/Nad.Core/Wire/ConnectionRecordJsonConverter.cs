using System.Text.Json;
using System.Text.Json.Serialization;
using Nad.Core.Records;

namespace Nad.Core.Wire;

/// <summary>
/// System.Text.Json's way to a <see cref="ConnectionRecord"/> inside other answers (an alert's record):
/// written by <see cref="RecordJsonWriter"/>, read by <see cref="RecordJsonReader"/>, so stored and
/// posted records obey one rule.
/// </summary>
public sealed class ConnectionRecordJsonConverter : JsonConverter<ConnectionRecord>
{
    public override ConnectionRecord Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return RecordJsonReader.ParseOne(JsonSerializer.SerializeToUtf8Bytes(document.RootElement));
    }

    public override void Write(Utf8JsonWriter writer, ConnectionRecord value, JsonSerializerOptions options) => RecordJsonWriter.Write(writer, value);
}
