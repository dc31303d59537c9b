using System.Buffers.Binary;

namespace Nad.Traffic.Packets;

/// <summary>
/// Reads link, IPv4 and TCP/UDP/ICMP headers straight from the frame bytes. Hand-written on
/// spans rather than PacketDotNet's object model because it runs once per packet on captures of
/// millions of packets and must not allocate; the tests build their frames with PacketDotNet,
/// which checks this decoder against an independent encoder.
/// </summary>
public static class PacketDecoder
{
    private const ushort EtherTypeIpv4 = 0x0800;
    private const ushort EtherTypeIpv6 = 0x86DD;
    private const ushort EtherTypeVlan = 0x8100;
    private const ushort EtherTypeQinQ = 0x88A8;

    public static PacketSkipReason Decode(LinkKind link, ReadOnlySpan<byte> frame, long timeMicros, out DecodedPacket packet)
    {
        packet = default;
        packet.TimeMicros = timeMicros;
        ReadOnlySpan<byte> ip;
        switch (link)
        {
            case LinkKind.Ethernet:
                {
                    if (frame.Length < 14) return PacketSkipReason.Truncated;
                    var offset = 12;
                    var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
                    // Up to two VLAN tags (802.1Q, and 802.1ad outer tag).
                    for (var tags = 0; tags < 2 && etherType is EtherTypeVlan or EtherTypeQinQ; tags++)
                    {
                        offset += 4;
                        if (frame.Length < offset + 2) return PacketSkipReason.Truncated;
                        etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
                    }
                    if (etherType == EtherTypeIpv6) return PacketSkipReason.Ipv6;
                    if (etherType != EtherTypeIpv4) return PacketSkipReason.NotIp;
                    ip = frame[(offset + 2)..];
                    break;
                }
            case LinkKind.LinuxCooked:
                {
                    if (frame.Length < 16) return PacketSkipReason.Truncated;
                    var protocol = BinaryPrimitives.ReadUInt16BigEndian(frame[14..]);
                    if (protocol == EtherTypeIpv6) return PacketSkipReason.Ipv6;
                    if (protocol != EtherTypeIpv4) return PacketSkipReason.NotIp;
                    ip = frame[16..];
                    break;
                }
            case LinkKind.Null:
                if (frame.Length < 4) return PacketSkipReason.Truncated;
                ip = frame[4..];
                break;
            default:
                ip = frame;
                break;
        }
        return DecodeIpv4(ip, ref packet);
    }

    private static PacketSkipReason DecodeIpv4(ReadOnlySpan<byte> ip, ref DecodedPacket packet)
    {
        if (ip.Length < 1) return PacketSkipReason.Truncated;
        var version = ip[0] >> 4;
        if (version == 6) return PacketSkipReason.Ipv6;
        if (version != 4) return PacketSkipReason.NotIp;
        if (ip.Length < 20) return PacketSkipReason.Truncated;
        var headerLength = (ip[0] & 0x0F) * 4;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        if (headerLength < 20 || ip.Length < headerLength || totalLength < headerLength) return PacketSkipReason.Truncated;
        var fragment = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]);
        packet.Protocol = ip[9];
        packet.SourceAddress = BinaryPrimitives.ReadUInt32BigEndian(ip[12..]);
        packet.DestinationAddress = BinaryPrimitives.ReadUInt32BigEndian(ip[16..]);
        packet.IpId = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        packet.FragmentOffset = (fragment & 0x1FFF) * 8;
        packet.MoreFragments = (fragment & 0x2000) != 0;
        packet.IpPayloadLength = totalLength - headerLength;
        // A later fragment has no transport header: the tracker matches it to its first fragment (wrong_fragment).
        if (packet.FragmentOffset != 0) return packet.Protocol is 1 or 6 or 17 ? PacketSkipReason.None : PacketSkipReason.OtherProtocol;
        // Trailing Ethernet padding is not payload: trust the IP total length when the capture holds more.
        var transport = ip[headerLength..Math.Min(ip.Length, totalLength)];
        var transportLength = totalLength - headerLength;
        switch (packet.Protocol)
        {
            case 6:
                {
                    if (transport.Length < 20) return PacketSkipReason.Truncated;
                    var dataOffset = (transport[12] >> 4) * 4;
                    if (dataOffset < 20 || transportLength < dataOffset) return PacketSkipReason.Truncated;
                    packet.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(transport);
                    packet.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(transport[2..]);
                    packet.Sequence = BinaryPrimitives.ReadUInt32BigEndian(transport[4..]);
                    packet.Flags = (TcpFlags)(transport[13] & 0x3F);
                    packet.PayloadLength = transportLength - dataOffset;
                    packet.Payload = transport.Length > dataOffset ? transport[dataOffset..] : default;
                    return PacketSkipReason.None;
                }
            case 17:
                {
                    if (transport.Length < 8) return PacketSkipReason.Truncated;
                    packet.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(transport);
                    packet.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(transport[2..]);
                    packet.PayloadLength = Math.Max(0, transportLength - 8);
                    packet.Payload = transport[8..];
                    return PacketSkipReason.None;
                }
            case 1:
                {
                    if (transport.Length < 4) return PacketSkipReason.Truncated;
                    packet.IcmpType = transport[0];
                    packet.IcmpCode = transport[1];
                    // NSL-KDD ICMP byte counts look like the whole ICMP message (header + data).
                    packet.PayloadLength = transportLength;
                    return PacketSkipReason.None;
                }
            default:
                return PacketSkipReason.OtherProtocol;
        }
    }
}
