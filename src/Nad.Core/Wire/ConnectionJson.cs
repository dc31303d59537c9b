using System.Net;
using System.Text.Json;
using Nad.Core.Records;

namespace Nad.Core.Wire;

/// <summary>
/// The optional "connection" object of a record on the wire: where a record from real traffic came
/// from (<see cref="ConnectionEndpoints"/>), under the names of <c>nad extract</c>'s CSV columns:
/// start_time, src_addr, src_port, dst_addr, dst_port. <c>nad watch --post-to</c> sends it; the
/// service stores it with the record's alert.
/// </summary>
public static class ConnectionJson
{
    public const string StartTime = "start_time", SourceAddress = "src_addr", SourcePort = "src_port",
        DestinationAddress = "dst_addr", DestinationPort = "dst_port";

    private static readonly string[] Fields = [StartTime, SourceAddress, SourcePort, DestinationAddress, DestinationPort];

    /// <summary>
    /// The "connection" object of record <paramref name="index"/> (-1: the only record): all five fields, an
    /// ISO 8601 start time, IPv4 or IPv6 addresses, ports 0-65535, nothing else. Null (and errors named
    /// "connection.src_port", "[3].connection.src_port" and so on) when any is wrong. Allocates only
    /// the parsed addresses on the way; names for errors are built when there is one.
    /// </summary>
    public static ConnectionEndpoints? Read(ref Utf8JsonReader reader, int index, FieldErrors errors)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            errors.Add(Where(index, null), $"is {RecordJsonReader.Describe(reader.TokenType)}; expected an object with {string.Join(", ", Fields[..^1])} and {Fields[^1]}");
            reader.Skip();
            return null;
        }
        var before = errors.Count;
        DateTimeOffset start = default;
        HostAddress source = default, destination = default;
        int sourcePort = 0, destinationPort = 0;
        var seen = 0; // a bit per field of Fields
        HashSet<string>? others = null; // names that are no field, kept only to say when one is repeated
        Span<char> text = stackalloc char[MaxAddressLength];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var field = FieldOf(ref reader);
            var other = field < 0 ? reader.GetString() ?? "" : null;
            reader.Read();
            if (field >= 0 ? (seen & 1 << field) != 0 : !(others ??= new HashSet<string>(StringComparer.Ordinal)).Add(other!))
            {
                errors.Add(Where(index, field >= 0 ? Fields[field] : RecordJsonReader.Shorten(other!)), "appears more than once");
                reader.Skip();
                continue;
            }
            if (field >= 0) seen |= 1 << field;
            switch (field)
            {
                case 0:
                    if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var time)) start = time;
                    else errors.Add(Where(index, StartTime), "is not an ISO 8601 time such as \"2026-12-01T10:00:00Z\"");
                    break;
                case 1 or 3:
                    var length = reader.TokenType == JsonTokenType.String ? RecordJsonReader.TryCopyString(ref reader, text) : -1;
                    if (length < 0 || !IPAddress.TryParse(text[..length], out var address)) errors.Add(Where(index, Fields[field]), "is not an IPv4 or IPv6 address");
                    else if (field == 1) source = HostAddress.From(address); // a zone (%eth0) names an interface, not a host: dropped
                    else destination = HostAddress.From(address);
                    break;
                case 2 or 4:
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var port) && port is >= 0 and <= 65535)
                    {
                        if (field == 2) sourcePort = port;
                        else destinationPort = port;
                    }
                    else errors.Add(Where(index, Fields[field]), "is not a port (a whole number from 0 to 65535)");
                    break;
                default:
                    errors.Add(Where(index, RecordJsonReader.Shorten(other!)), $"is not a connection field; expected {string.Join(", ", Fields)}");
                    break;
            }
            reader.Skip(); // a value's end, or the whole of a wrong object or array
        }
        for (var field = 0; field < Fields.Length; field++)
            if ((seen & 1 << field) == 0) errors.Add(Where(index, Fields[field]), "is missing");
        return errors.Count == before ? new ConnectionEndpoints(start, source, sourcePort, destination, destinationPort) : null;
    }

    /// <summary>Longest address text accepted: an IPv6 address with an embedded IPv4 one.</summary>
    private const int MaxAddressLength = 45;

    /// <summary>The position in <see cref="Fields"/> of the property name the reader is on, or -1.</summary>
    private static int FieldOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("start_time"u8) ? 0
        : reader.ValueTextEquals("src_addr"u8) ? 1
        : reader.ValueTextEquals("src_port"u8) ? 2
        : reader.ValueTextEquals("dst_addr"u8) ? 3
        : reader.ValueTextEquals("dst_port"u8) ? 4
        : -1;

    /// <summary>How errors name the object ("connection", "[3].connection") or one of its fields.</summary>
    private static string Where(int index, string? field) =>
        RecordJsonReader.Field(index, field is null ? RecordJsonReader.ConnectionField : $"{RecordJsonReader.ConnectionField}.{field}");

    /// <summary>Writes the object as the current property's value (its name already written).</summary>
    public static void Write(Utf8JsonWriter writer, ConnectionEndpoints connection)
    {
        writer.WriteStartObject();
        writer.WriteString(StartTime, connection.StartTime);
        writer.WriteString(SourceAddress, connection.SourceAddress.ToString());
        writer.WriteNumber(SourcePort, connection.SourcePort);
        writer.WriteString(DestinationAddress, connection.DestinationAddress.ToString());
        writer.WriteNumber(DestinationPort, connection.DestinationPort);
        writer.WriteEndObject();
    }
}
