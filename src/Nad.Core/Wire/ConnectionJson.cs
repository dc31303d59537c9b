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
    /// The "connection" object: all five fields, an ISO 8601 start time, IPv4 or IPv6 addresses, ports
    /// 0-65535, nothing else. Null (and errors named "connection.src_port" and so on) when any is wrong.
    /// </summary>
    public static ConnectionEndpoints? Read(ref Utf8JsonReader reader, string field, FieldErrors errors)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            errors.Add(field, $"is {RecordJsonReader.Describe(reader.TokenType)}; expected an object with {string.Join(", ", Fields[..^1])} and {Fields[^1]}");
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
            var where = $"{field}.{RecordJsonReader.Shorten(name)}";
            if (!named.Add(name))
            {
                errors.Add(where, "appears more than once");
                reader.Skip();
                continue;
            }
            switch (name)
            {
                case StartTime:
                    if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var time)) start = time;
                    else errors.Add(where, "is not an ISO 8601 time such as \"2026-12-01T10:00:00Z\"");
                    break;
                case SourceAddress or DestinationAddress:
                    var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    if (text is null || text.Length > 45 || !IPAddress.TryParse(text, out var address)) errors.Add(where, "is not an IPv4 or IPv6 address");
                    else if (name == SourceAddress) source = HostAddress.From(address); // a zone (%eth0) names an interface, not a host: dropped
                    else destination = HostAddress.From(address);
                    break;
                case SourcePort or DestinationPort:
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var port) && port is >= 0 and <= 65535)
                    {
                        if (name == SourcePort) sourcePort = port;
                        else destinationPort = port;
                    }
                    else errors.Add(where, "is not a port (a whole number from 0 to 65535)");
                    break;
                default:
                    errors.Add(where, $"is not a connection field; expected {string.Join(", ", Fields)}");
                    break;
            }
            reader.Skip(); // a value's end, or the whole of a wrong object or array
        }
        foreach (var required in Fields)
            if (!named.Contains(required)) errors.Add($"{field}.{required}", "is missing");
        return errors.Count == before ? new ConnectionEndpoints(start!.Value, source!.Value, sourcePort!.Value, destination!.Value, destinationPort!.Value) : null;
    }

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
