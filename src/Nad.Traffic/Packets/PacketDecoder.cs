using System.Buffers.Binary;
using Nad.Core.Records;

namespace Nad.Traffic.Packets;

/// <summary>
/// Reads link, IPv4 or IPv6 (with its extension-header chain) and TCP/UDP/ICMP/ICMPv6 headers
/// straight from the frame bytes. Hand-written on spans rather than PacketDotNet's object model
/// because it runs once per packet on captures of millions of packets and must not allocate; the
/// tests build their frames with PacketDotNet, which checks this decoder against an independent encoder.
/// </summary>
public static class PacketDecoder
{
    private const ushort EtherTypeIpv4 = 0x0800;
    private const ushort EtherTypeIpv6 = 0x86DD;
    private const ushort EtherTypeVlan = 0x8100;
    private const ushort EtherTypeQinQ = 0x88A8;
    private const int Ipv6HeaderLength = 40;
    /// <summary>A chain longer than this is not real traffic (and each header costs a bounds check): skipped as another protocol.</summary>
    private const int MaxExtensionHeaders = 16;

    public static PacketSkipReason Decode(LinkKind link, ReadOnlySpan<byte> frame, long timeMicros, out DecodedPacket packet)
    {
        packet = default;
        packet.TimeMicros = timeMicros;
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
                    return etherType switch
                    {
                        EtherTypeIpv4 => DecodeIpv4(frame[(offset + 2)..], ref packet),
                        EtherTypeIpv6 => DecodeIpv6(frame[(offset + 2)..], ref packet),
                        _ => PacketSkipReason.NotIp,
                    };
                }
            case LinkKind.LinuxCooked:
                {
                    if (frame.Length < 16) return PacketSkipReason.Truncated;
                    return BinaryPrimitives.ReadUInt16BigEndian(frame[14..]) switch
                    {
                        EtherTypeIpv4 => DecodeIpv4(frame[16..], ref packet),
                        EtherTypeIpv6 => DecodeIpv6(frame[16..], ref packet),
                        _ => PacketSkipReason.NotIp,
                    };
                }
            case LinkKind.Null:
                {
                    if (frame.Length < 4) return PacketSkipReason.Truncated;
                    // The address family in the capturing host's byte order: AF_INET 2; AF_INET6 24 (NetBSD, OpenBSD), 28 (FreeBSD), 30 (macOS).
                    var family = BinaryPrimitives.ReadUInt32LittleEndian(frame);
                    if (family > 0xFFFF) family = BinaryPrimitives.ReverseEndianness(family);
                    return family switch
                    {
                        2 => DecodeIpv4(frame[4..], ref packet),
                        24 or 28 or 30 => DecodeIpv6(frame[4..], ref packet),
                        _ => PacketSkipReason.NotIp,
                    };
                }
            default:
                if (frame.Length < 1) return PacketSkipReason.Truncated;
                return (frame[0] >> 4) switch
                {
                    4 => DecodeIpv4(frame, ref packet),
                    6 => DecodeIpv6(frame, ref packet),
                    _ => PacketSkipReason.NotIp,
                };
        }
    }

    private static PacketSkipReason DecodeIpv4(ReadOnlySpan<byte> ip, ref DecodedPacket packet)
    {
        if (ip.Length < 1) return PacketSkipReason.Truncated;
        if (ip[0] >> 4 != 4) return PacketSkipReason.NotIp;
        if (ip.Length < 20) return PacketSkipReason.Truncated;
        var headerLength = (ip[0] & 0x0F) * 4;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        if (headerLength < 20 || ip.Length < headerLength || totalLength < headerLength) return PacketSkipReason.Truncated;
        var fragment = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]);
        packet.Protocol = ip[9];
        packet.SourceAddress = HostAddress.FromIpv4(BinaryPrimitives.ReadUInt32BigEndian(ip[12..]));
        packet.DestinationAddress = HostAddress.FromIpv4(BinaryPrimitives.ReadUInt32BigEndian(ip[16..]));
        packet.IpId = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        packet.FragmentOffset = (fragment & 0x1FFF) * 8;
        packet.MoreFragments = (fragment & 0x2000) != 0;
        packet.IpPayloadLength = totalLength - headerLength;
        // A later fragment has no transport header: the tracker matches it to its first fragment (wrong_fragment).
        if (packet.FragmentOffset != 0) return packet.Protocol is 1 or 6 or 17 ? PacketSkipReason.None : PacketSkipReason.OtherProtocol;
        if (packet.Protocol == 58) return PacketSkipReason.OtherProtocol; // ICMPv6 inside IPv4 is not a thing
        // Trailing Ethernet padding is not payload: trust the IP total length when the capture holds more.
        return DecodeTransport(ip[headerLength..Math.Min(ip.Length, totalLength)], totalLength - headerLength, ref packet);
    }

    /// <summary>
    /// The 40-byte fixed header, then the extension headers in chain order (hop-by-hop 0,
    /// routing 43, destination options 60, mobility 135, fragment 44), then the upper layer.
    /// Lengths come from the header's payload length, not the frame (Ethernet pads short frames).
    /// </summary>
    private static PacketSkipReason DecodeIpv6(ReadOnlySpan<byte> ip, ref DecodedPacket packet)
    {
        if (ip.Length < 1) return PacketSkipReason.Truncated;
        if (ip[0] >> 4 != 6) return PacketSkipReason.NotIp;
        if (ip.Length < Ipv6HeaderLength) return PacketSkipReason.Truncated;
        packet.IsIpv6 = true;
        var end = Ipv6HeaderLength + BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        var next = ip[6];
        packet.SourceAddress = HostAddress.FromIpv6(ip.Slice(8, 16));
        packet.DestinationAddress = HostAddress.FromIpv6(ip.Slice(24, 16));
        var datagram = ip[..Math.Min(ip.Length, end)];
        var offset = Ipv6HeaderLength;
        for (var headers = 0; ; headers++)
        {
            if (headers == MaxExtensionHeaders) return PacketSkipReason.OtherProtocol;
            switch (next)
            {
                case 0 or 43 or 60 or 135:
                    {
                        // Length in 8-byte units, not counting the first 8.
                        if (datagram.Length < offset + 2) return PacketSkipReason.Truncated;
                        next = datagram[offset];
                        offset += (datagram[offset + 1] + 1) * 8;
                        // Past the datagram's end, or past the captured bytes (a small snap length): the next header is not there.
                        if (offset > datagram.Length) return PacketSkipReason.Truncated;
                        continue;
                    }
                case 44:
                    {
                        if (datagram.Length < offset + 8) return PacketSkipReason.Truncated;
                        var field = BinaryPrimitives.ReadUInt16BigEndian(datagram[(offset + 2)..]);
                        packet.FragmentOffset = field & 0xFFF8; // 13 bits of 8-byte units, already in place
                        packet.MoreFragments = (field & 1) != 0;
                        packet.IpId = BinaryPrimitives.ReadUInt32BigEndian(datagram[(offset + 4)..]);
                        next = datagram[offset];
                        offset += 8;
                        packet.IpPayloadLength = end - offset;
                        // A later fragment: its data is the rest of the datagram, not a header; matched to its first fragment.
                        if (packet.FragmentOffset != 0)
                        {
                            packet.Protocol = next;
                            return PacketSkipReason.None;
                        }
                        continue;
                    }
                case 50 or 51:
                    return PacketSkipReason.Ipv6Encrypted;
                case 59:
                    return PacketSkipReason.Ipv6NoNextHeader;
            }
            break;
        }
        packet.Protocol = next;
        if (next == 1) return PacketSkipReason.OtherProtocol; // ICMPv4 inside IPv6 is not a thing
        if (next == 58 && datagram.Length > offset && IsLinkControl(datagram[offset])) return PacketSkipReason.Ipv6LinkControl;
        return DecodeTransport(datagram[offset..], end - offset, ref packet);
    }

    /// <summary>
    /// ICMPv6 neighbour discovery (router/neighbour solicitation and advertisement 133-136),
    /// multicast listener messages (130-132, 143), router renumbering (138), node information
    /// (139-140) and inverse ND (141-142): the link's own plumbing, as ARP and IGMP are for
    /// IPv4, which NSL-KDD never recorded. Redirect (137) is kept: ICMPv4 redirect is red_i.
    /// </summary>
    public static bool IsLinkControl(byte icmpv6Type) => icmpv6Type is >= 130 and <= 143 and not 137;

    private static PacketSkipReason DecodeTransport(ReadOnlySpan<byte> transport, int transportLength, ref DecodedPacket packet)
    {
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
            case 1 or 58:
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
