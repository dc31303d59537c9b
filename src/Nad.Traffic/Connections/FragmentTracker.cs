using Nad.Core.Records;
using Nad.Traffic.Packets;

namespace Nad.Traffic.Connections;

/// <summary>
/// wrong_fragment without reassembly: the fragments of each IP datagram (source, destination,
/// protocol, IP id; IPv6: source, destination, fragment id) are matched to the record their first fragment went to, and a later fragment
/// is "wrong" when it overlaps one already seen (teardrop) or ends past the size limit (ping of
/// death): 65,535 bytes with the 20-byte header for IPv4, 65,535 bytes of payload for IPv6 (its
/// Payload Length field, RFC 8200 section 4.5). Bytes stay those of the first fragment: NSL-KDD's pod rows have
/// src_bytes 1480 and its teardrop rows 28, one fragment's worth. A later fragment whose first
/// never came is not used (a counted skip). Datagrams are forgotten after 30 s, as Linux does.
/// </summary>
internal sealed class FragmentTracker
{
    private const long ForgetAfterMicros = 30_000_000;
    private const int MaxDatagrams = 65_536;
    private const int MaxIpv4Payload = 65_535 - 20;
    private const int MaxIpv6Payload = 65_535;
    private const int MaxRangesKept = 64;

    private readonly Dictionary<(HostAddress Source, HostAddress Destination, byte Protocol, uint Id), Datagram> datagrams = [];

    private sealed class Datagram(TrackedConnection? connection, ConnectionSummary? message, long micros)
    {
        public readonly List<(int Start, int End)> Ranges = new(2);
        public TrackedConnection? Connection = connection;
        public ConnectionSummary? Message = message;
        public long LastMicros = micros;
    }

    /// <summary>The first fragment: its record (a TCP/UDP connection, or an ICMP message record) owns the datagram.</summary>
    public void OnFirst(in DecodedPacket packet, TrackedConnection? connection, ConnectionSummary? message)
    {
        if (datagrams.Count >= MaxDatagrams) datagrams.Clear(); // a fragment flood: bounded memory over precision
        var datagram = new Datagram(connection, message, packet.TimeMicros);
        datagram.Ranges.Add((0, packet.IpPayloadLength));
        datagrams[Key(packet)] = datagram;
    }

    /// <summary>A later fragment: counts it against its datagram's record if wrong; false when no first fragment was seen.</summary>
    public bool OnLater(in DecodedPacket packet)
    {
        if (!datagrams.TryGetValue(Key(packet), out var datagram)) return false;
        datagram.LastMicros = Math.Max(datagram.LastMicros, packet.TimeMicros);
        var start = packet.FragmentOffset;
        var end = start + Math.Max(0, packet.IpPayloadLength);
        var wrong = end > (packet.IsIpv6 ? MaxIpv6Payload : MaxIpv4Payload);
        foreach (var (s, e) in datagram.Ranges)
            if (start < e && end > s) wrong = true;
        if (datagram.Ranges.Count < MaxRangesKept) datagram.Ranges.Add((start, end));
        if (wrong)
        {
            if (datagram.Connection is { } connection) connection.WrongFragments++;
            if (datagram.Message is { } message) message.WrongFragments++;
        }
        return true;
    }

    public void Sweep(long clock)
    {
        List<(HostAddress, HostAddress, byte, uint)>? old = null;
        foreach (var (key, datagram) in datagrams)
            if (clock - datagram.LastMicros > ForgetAfterMicros) (old ??= []).Add(key);
        foreach (var key in old ?? []) datagrams.Remove(key);
    }

    // IPv6: a later fragment's next header may name an option header of the fragmentable part, so the protocol stays out of the key (RFC 8200 makes the id unique per source and destination).
    private static (HostAddress, HostAddress, byte, uint) Key(in DecodedPacket packet) =>
        (packet.SourceAddress, packet.DestinationAddress, packet.IsIpv6 ? (byte)0 : packet.Protocol, packet.IpId);
}
