using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nad.Core.Records;

/// <summary>
/// An IPv4 or IPv6 host address as 128 bits in two ulongs (network order: <see cref="High"/> holds
/// the first 8 bytes). IPv4 is stored IPv4-mapped (::ffff:a.b.c.d), so one type, one comparison and
/// one hash serve both families without allocating; <see cref="IPAddress"/> is used only at the
/// edges (parsing text, printing). Serialized to JSON as its text. In Core so that the traffic
/// extractor, the service and the CLI share one <see cref="ConnectionEndpoints"/> without
/// formatting addresses on extraction's hot path.
/// </summary>
[JsonConverter(typeof(HostAddressJsonConverter))]
public readonly record struct HostAddress(ulong High, ulong Low) : IComparable<HostAddress>
{
    private const ulong MappedPrefix = 0x0000_FFFF_0000_0000;

    public static HostAddress FromIpv4(uint address) => new(0, MappedPrefix | address);

    /// <summary>16 bytes in network order (an IPv6 header's address field).</summary>
    public static HostAddress FromIpv6(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));

    public static HostAddress From(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> four = stackalloc byte[4];
            address.TryWriteBytes(four, out _);
            return FromIpv4(BinaryPrimitives.ReadUInt32BigEndian(four));
        }
        Span<byte> sixteen = stackalloc byte[16];
        address.TryWriteBytes(sixteen, out _);
        return FromIpv6(sixteen);
    }

    /// <summary>Parses dotted IPv4 or IPv6 text (a zone such as %eth0 is dropped: it names an interface, not a host).</summary>
    public static bool TryParse(string text, out HostAddress address)
    {
        var zone = text.IndexOf('%');
        if (IPAddress.TryParse(zone < 0 ? text : text[..zone], out var parsed))
        {
            address = From(parsed);
            return true;
        }
        address = default;
        return false;
    }

    /// <summary>IPv4 (held IPv4-mapped); an IPv4-mapped address seen in an IPv6 header is the same host, so it is IPv4 too.</summary>
    public bool IsIpv4 => High == 0 && (Low & 0xFFFF_FFFF_0000_0000) == MappedPrefix;

    public int CompareTo(HostAddress other) => High != other.High ? High.CompareTo(other.High) : Low.CompareTo(other.Low);

    private IPAddress ToIPAddress()
    {
        if (IsIpv4) return new IPAddress([(byte)(Low >> 24), (byte)(Low >> 16), (byte)(Low >> 8), (byte)Low]);
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, High);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], Low);
        return new IPAddress(bytes);
    }

    /// <summary>Dotted IPv4, or RFC 5952 IPv6 text (as Zeek writes it).</summary>
    public override string ToString() => ToIPAddress().ToString();
}

internal sealed class HostAddressJsonConverter : JsonConverter<HostAddress>
{
    public override HostAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        HostAddress.TryParse(reader.GetString() ?? "", out var address) ? address : throw new JsonException("not an IPv4 or IPv6 address");

    public override void Write(Utf8JsonWriter writer, HostAddress value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
