using Nad.Traffic.Packets;

namespace Nad.Traffic.Extraction;

/// <summary>What an extraction read, used and skipped: shown to the user after every run.</summary>
public sealed class ExtractionReport
{
    public string Source { get; init; } = "";
    public long PacketsRead { get; internal set; }
    public long PacketsUsed { get; internal set; }
    public long LinesRead { get; internal set; }
    public long Records { get; internal set; }
    public long LateRecords { get; internal set; }
    public long ConnectionsEndedEarly { get; internal set; }
    /// <summary>libpcap's message when the capture ends inside a packet (a cut-short file), else null.</summary>
    public string? CutShort { get; internal set; }
    public Dictionary<PacketSkipReason, long> PacketsSkipped { get; } = [];
    /// <summary>Rows or packets skipped with a reason (Zeek rows: by reason text).</summary>
    public Dictionary<string, long> RowsSkipped { get; } = new(StringComparer.Ordinal);
    /// <summary>Problems that did not stop the run (a capture cut short, rows skipped), with where.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Counts one frame read: used (<see cref="PacketSkipReason.None"/>) or skipped for its reason.</summary>
    internal void CountFrame(PacketSkipReason skip)
    {
        PacketsRead++;
        if (skip == PacketSkipReason.None) PacketsUsed++;
        else PacketsSkipped[skip] = PacketsSkipped.GetValueOrDefault(skip) + 1;
    }

    internal void SkipRow(string reason, string? example = null)
    {
        RowsSkipped[reason] = RowsSkipped.GetValueOrDefault(reason) + 1;
        if (example is not null && Warnings.Count < 20) Warnings.Add(example);
    }

    /// <summary>One line per kind of skip, for the terminal.</summary>
    public IEnumerable<string> SkipLines()
    {
        foreach (var (reason, count) in PacketsSkipped.OrderByDescending(p => p.Value))
            yield return $"{count:N0} packets skipped: {Describe(reason)}";
        foreach (var (reason, count) in RowsSkipped.OrderByDescending(p => p.Value))
            yield return $"{count:N0} rows skipped: {reason}";
    }

    private static string Describe(PacketSkipReason reason) => reason switch
    {
        PacketSkipReason.NotIp => "not IP (ARP, STP, ...)",
        PacketSkipReason.OtherProtocol => "IP but not TCP, UDP, ICMP or ICMPv6",
        PacketSkipReason.Fragment => "later IP fragments whose first fragment was not seen",
        PacketSkipReason.Ipv6Encrypted => "IPv6 with ESP or AH (transport header not readable)",
        PacketSkipReason.Ipv6NoNextHeader => "IPv6 with no next header",
        PacketSkipReason.Ipv6LinkControl => "ICMPv6 neighbour discovery / multicast listener (link control)",
        PacketSkipReason.Truncated => "headers cut short",
        _ => reason.ToString(),
    };
}
