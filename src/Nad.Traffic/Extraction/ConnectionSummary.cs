using Nad.Traffic.Addresses;

namespace Nad.Traffic.Extraction;

/// <summary>
/// One finished connection before the traffic (window) features: the basic and content
/// features either input can give, who talked to whom, and which features were not observed
/// or only estimated. Built by the capture path and the Zeek path alike.
/// </summary>
public sealed class ConnectionSummary
{
    /// <summary>First packet time, microseconds since the Unix epoch.</summary>
    public long StartMicros { get; init; }
    public long DurationMicros { get; init; }
    public required HostAddress SourceAddress { get; init; }
    public int SourcePort { get; init; }
    public required HostAddress DestinationAddress { get; init; }
    public int DestinationPort { get; init; }
    /// <summary>tcp, udp or icmp.</summary>
    public required string Protocol { get; init; }
    /// <summary>One of the 70 NSL-KDD services.</summary>
    public required string Service { get; init; }
    /// <summary>One of the 11 NSL-KDD flags.</summary>
    public required string Flag { get; init; }
    public long SourceBytes { get; init; }
    public long DestinationBytes { get; init; }
    public int Urgent { get; init; }
    /// <summary>Overlapping or oversized IP fragments (teardrop, ping of death); settable: later fragments arrive after the record is made.</summary>
    public int WrongFragments { get; internal set; }
    public int FailedLogins { get; init; }
    public bool LoggedIn { get; init; }
    public bool GuestLogin { get; init; }
    /// <summary>Feature names (schema spelling) left at their NSL-KDD default because the input cannot show them.</summary>
    public required IReadOnlyList<string> NotObserved { get; init; }
    /// <summary>Feature names whose value is a heuristic estimate, not a measurement.</summary>
    public required IReadOnlyList<string> Estimated { get; init; }

    /// <summary>land: same address and port on both ends (either family).</summary>
    public bool Land => Protocol != "icmp" && SourcePort == DestinationPort && SourceAddress == DestinationAddress;
}
