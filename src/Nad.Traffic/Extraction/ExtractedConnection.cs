using Nad.Core.Records;
using Nad.Traffic.Addresses;

namespace Nad.Traffic.Extraction;

/// <summary>
/// A connection record built from traffic, with what a user needs to act on an alert:
/// when it started, who talked to whom, and which features the verdict does not rest on.
/// </summary>
public sealed record ExtractedConnection(
    ConnectionRecord Record,
    DateTimeOffset StartTime,
    HostAddress SourceHost,
    int SourcePort,
    HostAddress DestinationHost,
    int DestinationPort,
    IReadOnlyList<string> NotObserved,
    IReadOnlyList<string> Estimated)
{
    /// <summary>The source as text: dotted IPv4 or RFC 5952 IPv6 (formatted on demand: only printed records pay for it).</summary>
    public string SourceAddress => SourceHost.ToString();

    /// <summary>The destination as text, as <see cref="SourceAddress"/>.</summary>
    public string DestinationAddress => DestinationHost.ToString();
}
