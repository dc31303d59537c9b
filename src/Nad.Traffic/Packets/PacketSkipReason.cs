namespace Nad.Traffic.Packets;

/// <summary>Why a packet did not become part of a connection (counted, never fatal).</summary>
public enum PacketSkipReason
{
    None,
    /// <summary>Not IP at all (ARP, STP, LLDP, ...).</summary>
    NotIp,
    /// <summary>IPv6: NSL-KDD records are IPv4 connections.</summary>
    Ipv6,
    /// <summary>IPv4 but not TCP, UDP or ICMP.</summary>
    OtherProtocol,
    /// <summary>A later IPv4 fragment whose first fragment (the one with the transport header) was not seen.</summary>
    Fragment,
    /// <summary>A header is cut short (snaplen or a broken packet).</summary>
    Truncated,
}
