using System.Buffers;
using System.Globalization;
using System.Text.Json;
using NATS.Client.Core;
using Nad.Core.Wire;

namespace Nad.Streaming.Messages;

/// <summary>
/// A <see cref="RecordBatch"/> on the wire: the body is a JSON array in the service's record format
/// (Core <c>Wire</c>: the 41 fields by name, an optional "connection" object), the ids' parts in headers.
/// </summary>
public static class RecordMessages
{
    /// <summary>Records in one message: big enough to spread the per-message cost, small enough for a quick redelivery (~300 KB).</summary>
    public const int RecordsPerMessage = 500;

    public static (byte[] Body, NatsHeaders Headers) Encode(RecordBatch batch)
    {
        var buffer = new ArrayBufferWriter<byte>(batch.Records.Count * 700);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (var i = 0; i < batch.Records.Count; i++) RecordJsonWriter.Write(writer, batch.Records[i], batch.Connections?[i]);
            writer.WriteEndArray();
        }
        var headers = new NatsHeaders
        {
            [StreamNames.SourceHeader] = batch.Source,
            [StreamNames.KeyHeader] = batch.Key,
            [StreamNames.FirstHeader] = batch.First.ToString(CultureInfo.InvariantCulture),
        };
        return (buffer.WrittenSpan.ToArray(), headers);
    }

    /// <summary>Reads a message back; <see cref="PoisonMessageException"/> says what is wrong with one that never will.</summary>
    public static RecordBatch Decode(NatsHeaders? headers, byte[]? body)
    {
        var source = Header(headers, StreamNames.SourceHeader);
        var key = Header(headers, StreamNames.KeyHeader);
        if (!long.TryParse(Header(headers, StreamNames.FirstHeader), NumberStyles.None, CultureInfo.InvariantCulture, out var first))
            throw new PoisonMessageException($"header {StreamNames.FirstHeader} is not a record position (a whole number)");
        var errors = new FieldErrors(5);
        var parsed = RecordJsonReader.Parse(new ReadOnlySequence<byte>(body ?? []), int.MaxValue, errors);
        if (parsed is null)
            throw new PoisonMessageException("records do not read: " + string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        return new RecordBatch(source, key, first, parsed.Records, parsed.Connections);
    }

    private static string Header(NatsHeaders? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var values) && values.Count == 1 && values[0] is { Length: > 0 } value
            ? value
            : throw new PoisonMessageException($"header {name} is missing (not a message of nad publish)");
}
