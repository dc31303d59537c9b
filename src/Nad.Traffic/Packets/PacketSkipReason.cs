namespace Nad.Traffic.Packets;

/// <summary>Why a packet did not become part of a connection (counted, never fatal).</summary>
public enum PacketSkipReason
{
    None,
    /// <summary>Not IP at all (ARP, STP, LLDP, ...).</summary>
    NotIp,
    /// <summary>IP but not TCP, UDP, ICMP or ICMPv6 (IGMP, GRE, SCTP, ...).</summary>
    OtherProtocol,
    /// <summary>A later fragment (IPv4 or IPv6) whose first fragment (the one with the transport header) was not seen.</summary>
    Fragment,
    /// <summary>A header is cut short (snaplen or a broken packet).</summary>
    Truncated,
    /// <summary>IPv6 with an encrypted or authenticated payload (ESP 50, AH 51): the transport header cannot be read.</summary>
    Ipv6Encrypted,
    /// <summary>IPv6 whose header chain ends in "no next header" (59): nothing to track.</summary>
    Ipv6NoNextHeader,
    /// <summary>ICMPv6 neighbour discovery and multicast listener messages: link control, the ARP and IGMP of IPv6.</summary>
    Ipv6LinkControl,
}
