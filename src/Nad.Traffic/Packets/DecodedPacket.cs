using Nad.Core.Records;

namespace Nad.Traffic.Packets;

/// <summary>
/// The header facts of one IPv4 or IPv6 packet that connection tracking needs. A ref struct: the
/// payload is a view into the capture buffer, so decoding allocates nothing.
/// </summary>
public ref struct DecodedPacket
{
    /// <summary>Capture time in microseconds since the Unix epoch.</summary>
    public long TimeMicros;
    public HostAddress SourceAddress;
    public HostAddress DestinationAddress;
    /// <summary>IP protocol number (IPv6: the upper-layer header after the extension headers): 6 tcp, 17 udp, 1 icmp, 58 icmpv6.</summary>
    public byte Protocol;
    public ushort SourcePort;
    public ushort DestinationPort;
    public TcpFlags Flags;
    public uint Sequence;
    /// <summary>Payload length from the IP/transport headers (not the captured length: snaplen may cut it).</summary>
    public int PayloadLength;
    public byte IcmpType;
    public byte IcmpCode;
    /// <summary>The captured part of the payload (may be shorter than <see cref="PayloadLength"/>).</summary>
    public ReadOnlySpan<byte> Payload;
    /// <summary>IPv4 identification (16 bits) or the IPv6 fragment header's (32 bits): the fragments of one datagram share it.</summary>
    public uint IpId;
    /// <summary>Where this fragment's data starts in the datagram, in bytes (0 for the first or an unfragmented packet).</summary>
    public int FragmentOffset;
    /// <summary>The more-fragments flag (IPv4 header or IPv6 fragment header).</summary>
    public bool MoreFragments;
    /// <summary>Fragmentable payload bytes in this packet (IPv4: total length minus the header; IPv6: after the fragment header).</summary>
    public int IpPayloadLength;

    /// <summary>Decoded from an IPv6 header (fragments are then keyed without the protocol: a later fragment's next header may be an option header).</summary>
    public bool IsIpv6;

    /// <summary>ICMP or ICMPv6: one record per message.</summary>
    public readonly bool IsIcmp => Protocol is 1 or 58;

    /// <summary>A fragment after the first: only the IP header facts are set (it carries no transport header).</summary>
    public readonly bool IsLaterFragment => FragmentOffset != 0;
}
