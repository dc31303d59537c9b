namespace Nad.Traffic.Packets;

/// <summary>The link layers the decoder understands (pcap LINKTYPE values in comments).</summary>
public enum LinkKind
{
    /// <summary>LINKTYPE_ETHERNET (1), with or without 802.1Q / 802.1ad VLAN tags.</summary>
    Ethernet,
    /// <summary>LINKTYPE_RAW (101) or DLT_RAW (12/14): the frame starts with the IP header.</summary>
    RawIp,
    /// <summary>LINKTYPE_LINUX_SLL (113): Linux "any" device captures.</summary>
    LinuxCooked,
    /// <summary>LINKTYPE_NULL (0): BSD loopback, 4-byte address family first.</summary>
    Null,
}
