using Nad.Core.Records;

namespace Nad.Traffic.Connections;

/// <summary>
/// One finished connection before the traffic (window) features: the basic and content
/// features either input can give, who talked to whom, and which features were not observed
/// or only estimated. Built by the capture path and the Zeek path alike.
/// </summary>
public sealed class ConnectionSummary
{
    /// <summary>When it started (the first packet) and who talked to whom: the record's endpoints as they are.</summary>
    public required ConnectionEndpoints Endpoints { get; init; }
    /// <summary><see cref="ConnectionEndpoints.StartTime"/> in microseconds since the Unix epoch (the windows' clock).</summary>
    public long StartMicros => CaptureClock.Micros(Endpoints.StartTime);
    public long DurationMicros { get; init; }
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
    public bool Land => Protocol != "icmp" && Endpoints.SourcePort == Endpoints.DestinationPort && Endpoints.SourceAddress == Endpoints.DestinationAddress;
}
