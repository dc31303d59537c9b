namespace Nad.Traffic.Services;

/// <summary>
/// Maps protocol and ports (or ICMP type/code) to one of the 70 NSL-KDD service names and
/// nothing else. The original KDD port table was never published; this one follows the IANA
/// assignments used by kdd99_feature_extractor. Unlisted ports: below 1024 (the privileged
/// ports) <c>private</c>, else <c>other</c>. The public extractors guess "49152 and up = private",
/// but in NSL-KDD tcp <c>private</c> is almost only probes and floods (neptune 15,079, portsweep
/// 1,947, satan 980 rows; normal 4) while normal unlisted tcp is <c>other</c> (353): scans and
/// floods hit low ports, ordinary unlisted traffic uses high ones.
/// </summary>
public static class ServiceMap
{
    private static readonly Dictionary<int, string> TcpPorts = new()
    {
        [7] = "echo",
        [9] = "discard",
        [11] = "systat",
        [13] = "daytime",
        [15] = "netstat",
        [20] = "ftp_data",
        [21] = "ftp",
        [22] = "ssh",
        [23] = "telnet",
        [25] = "smtp",
        [37] = "time",
        [42] = "name",
        [43] = "whois",
        [53] = "domain",
        [57] = "mtp",
        [70] = "gopher",
        [71] = "remote_job",
        [77] = "rje",
        [79] = "finger",
        [80] = "http",
        [84] = "ctf",
        [87] = "link",
        [95] = "supdup",
        [101] = "hostnames",
        [102] = "iso_tsap",
        [105] = "csnet_ns",
        [109] = "pop_2",
        [110] = "pop_3",
        [111] = "sunrpc",
        [113] = "auth",
        [117] = "uucp_path",
        [119] = "nntp",
        [137] = "netbios_ns",
        [138] = "netbios_dgm",
        [139] = "netbios_ssn",
        [143] = "imap4",
        [150] = "sql_net",
        [175] = "vmnet",
        [179] = "bgp",
        [210] = "Z39_50",
        [245] = "link",
        [389] = "ldap",
        [433] = "nnsp",
        [443] = "http_443",
        [512] = "exec",
        [513] = "login",
        [514] = "shell",
        [515] = "printer",
        [520] = "efs",
        [530] = "courier",
        [540] = "uucp",
        [543] = "klogin",
        [544] = "kshell",
        [1911] = "mtp",
        [2784] = "http_2784",
        [5190] = "aol",
        [8001] = "http_8001",
        [8008] = "http",
        [8080] = "http",
    };

    /// <summary>The service of a TCP or UDP connection, keyed on the responder's port (source port 20 = active ftp_data).</summary>
    public static string ForPorts(byte protocol, int sourcePort, int destinationPort)
    {
        if (protocol == 17)
        {
            return destinationPort switch
            {
                53 => "domain_u",
                69 => "tftp_u",
                123 => "ntp_u",
                _ => destinationPort < 1024 ? "private" : "other",
            };
        }
        if (TcpPorts.TryGetValue(destinationPort, out var name)) return name;
        if (destinationPort is >= 6000 and <= 6063) return "X11";
        if (destinationPort is >= 6665 and <= 6669) return "IRC";
        if (sourcePort == 20) return "ftp_data";
        return destinationPort < 1024 ? "private" : "other";
    }

    /// <summary>
    /// The service of one ICMP message. Type 3 code 1 (host unreachable) and 0 (net) give urh_i,
    /// the other unreachable codes urp_i; types outside the NSL-KDD ICMP names give <c>other</c>.
    /// </summary>
    public static string ForIcmp(int type, int code) => type switch
    {
        8 => "eco_i",
        0 => "ecr_i",
        11 => "tim_i",
        5 => "red_i",
        3 => code is 0 or 1 ? "urh_i" : "urp_i",
        _ => "other",
    };

    /// <summary>
    /// The service of one ICMPv6 message, by meaning to the ICMPv4 names: echo request 128 / reply
    /// 129 as eco_i / ecr_i; destination unreachable 1 as type 3 (codes 0 no route, 2 beyond scope
    /// and 3 address unreachable are the net/host cases, urh_i; the rest, port unreachable and the
    /// policy rejections, urp_i); packet too big 2 is ICMPv4's "fragmentation needed" (type 3
    /// code 4), urp_i; time exceeded 3 tim_i; redirect 137 red_i; anything else <c>other</c> (as
    /// ICMPv4 parameter problem is). Neighbour discovery and MLD never get here: they are skipped.
    /// </summary>
    public static string ForIcmpv6(int type, int code) => type switch
    {
        128 => "eco_i",
        129 => "ecr_i",
        3 => "tim_i",
        137 => "red_i",
        1 => code is 0 or 2 or 3 ? "urh_i" : "urp_i",
        2 => "urp_i",
        _ => "other",
    };
}
