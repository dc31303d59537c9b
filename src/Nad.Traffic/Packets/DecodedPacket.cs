namespace Nad.Traffic.Packets;

/// <summary>
/// The header facts of one IPv4 packet that connection tracking needs. A ref struct: the
/// payload is a view into the capture buffer, so decoding allocates nothing.
/// </summary>
public ref struct DecodedPacket
{
    /// <summary>Capture time in microseconds since the Unix epoch.</summary>
    public long TimeMicros;
    public uint SourceAddress;
    public uint DestinationAddress;
    /// <summary>IP protocol number: 6 tcp, 17 udp, 1 icmp.</summary>
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
    /// <summary>IPv4 identification: the fragments of one datagram share it.</summary>
    public ushort IpId;
    /// <summary>Where this fragment's data starts in the datagram, in bytes (0 for the first or an unfragmented packet).</summary>
    public int FragmentOffset;
    /// <summary>The IPv4 more-fragments flag.</summary>
    public bool MoreFragments;
    /// <summary>IP payload bytes in this packet (total length minus the IP header).</summary>
    public int IpPayloadLength;

    /// <summary>A fragment after the first: only the IP header facts are set (it carries no transport header).</summary>
    public readonly bool IsLaterFragment => FragmentOffset != 0;

    /// <summary>Part of a fragmented datagram (first or later fragment).</summary>
    public readonly bool IsFragment => FragmentOffset != 0 || MoreFragments;
}

/// <summary>TCP header flags.</summary>
[Flags]
public enum TcpFlags : byte
{
    None = 0,
    Fin = 0x01,
    Syn = 0x02,
    Rst = 0x04,
    Psh = 0x08,
    Ack = 0x10,
    Urg = 0x20,
}
