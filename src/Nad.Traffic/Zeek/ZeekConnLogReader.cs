using System.Globalization;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Traffic.Connections;
using Nad.Traffic.Extraction;
using Nad.Traffic.Services;
using Nad.Traffic.Windows;

namespace Nad.Traffic.Zeek;

/// <summary>
/// A Zeek conn.log (TSV with its <c>#</c> header lines) → connection records, streamed. Column
/// positions come from <c>#fields</c> (newer Zeek adds columns). Zeek writes a row when the
/// connection ends, so rows are reordered by <c>ts</c> through a buffer that holds
/// <see cref="ReorderSpan"/> of capture time before they enter the windows.
/// What a conn.log cannot show (urgent, wrong fragments, payload content) is listed per record.
/// </summary>
public static class ZeekConnLogReader
{
    /// <summary>How far back in time a row may arrive and still enter the windows in order (Zeek's TCP inactivity timeout).</summary>
    public static readonly TimeSpan ReorderSpan = TimeSpan.FromMinutes(5);

    /// <summary>At most this many ICMP message records from one row (a flood row can hold millions of packets).</summary>
    public const int MaxIcmpRecordsPerRow = 10_000;

    /// <summary>Zeek logs ICMPv6 neighbour discovery and multicast listener messages as icmp rows; the capture path skips them too.</summary>
    public const string LinkControlSkip = "ICMPv6 neighbour discovery / multicast listener (link control)";

    private static readonly string[] Required = ["ts", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "conn_state"];

    public static IEnumerable<ExtractedConnection> Extract(string path, ExtractionReport report, WindowSettings? windowSettings = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"conn.log not found: {path}", path);
        using var reader = new StreamReader(InputFile.Open(path));
        var windows = new TrafficWindows(windowSettings);
        var pending = new PriorityQueue<ConnectionSummary, long>();
        var reorderMicros = CaptureClock.Micros(ReorderSpan);
        ZeekHeader? header = null;
        var separator = '\t';
        var unset = "-";
        long lineNumber = 0;
        long maskedTimes = 0;
        long newestEnd = long.MinValue;
        string? line;
        var rows = new List<ConnectionSummary>();
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            if (line[0] == '#')
            {
                if (line.StartsWith("#separator", StringComparison.Ordinal)) separator = ParseSeparator(line, path, lineNumber);
                else if (line.StartsWith("#unset_field", StringComparison.Ordinal)) unset = HeaderValue(line, separator) ?? unset;
                else if (line.StartsWith("#fields", StringComparison.Ordinal)) header = ZeekHeader.Parse(line.Split(separator)[1..], Required, path, lineNumber);
                continue;
            }
            if (header is null)
            {
                var problem = line.TrimStart().StartsWith('{')
                    ? "is a JSON log; NAD reads Zeek's TSV conn.log (the default, with #fields header lines)"
                    : "has no #fields header line before its first row; is it a Zeek conn.log?";
                throw new DataFormatException(new DataError(path, lineNumber, null, null, null, problem));
            }
            report.LinesRead++;
            rows.Clear();
            var error = ParseRow(line.Split(separator), header, unset, rows, ref maskedTimes);
            if (error is not null)
            {
                report.SkipRow(error, error == LinkControlSkip || error.StartsWith("protocol", StringComparison.Ordinal) ? null : $"{path}, line {lineNumber}: {error}");
                continue;
            }
            foreach (var summary in rows)
            {
                pending.Enqueue(summary, summary.StartMicros);
                newestEnd = Math.Max(newestEnd, summary.StartMicros + summary.DurationMicros);
            }
            while (pending.TryPeek(out _, out var start) && start <= newestEnd - reorderMicros)
            {
                report.Records++;
                yield return windows.Add(pending.Dequeue());
            }
        }
        if (header is null && report.LinesRead == 0)
            throw new DataFormatException(new DataError(path, 0, null, null, null, "has no rows and no #fields header; is it a Zeek conn.log?"));
        while (pending.Count > 0)
        {
            report.Records++;
            yield return windows.Add(pending.Dequeue());
        }
        if (maskedTimes > 0)
            report.Warnings.Add($"{path}: {maskedTimes:N0} rows have no readable ts (masked?); they were given time 0, so their time-window features (23-31) are not meaningful.");
        report.LateRecords = windows.LateConnections;
    }

    private static char ParseSeparator(string line, string path, long lineNumber)
    {
        // "#separator \x09": the line itself is space-separated and the value is escaped.
        var value = line["#separator".Length..].Trim();
        if (value.StartsWith("\\x", StringComparison.Ordinal) && value.Length == 4
            && int.TryParse(value.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
            return (char)code;
        if (value.Length == 1) return value[0];
        throw new DataFormatException(new DataError(path, lineNumber, null, "#separator", value, "is not a separator NAD understands (expected \\x09 or one character)"));
    }

    private static string? HeaderValue(string line, char separator)
    {
        var parts = line.Split(separator);
        return parts.Length > 1 ? parts[1] : null;
    }

    /// <summary>Adds the records of one row to <paramref name="into"/>, or returns why the row is skipped.</summary>
    private static string? ParseRow(string[] fields, ZeekHeader header, string unset, List<ConnectionSummary> into, ref long maskedTimes)
    {
        if (fields.Length != header.Count)
            return $"has {fields.Length} fields, the #fields line names {header.Count}";
        var proto = fields[header.Proto];
        if (proto is not ("tcp" or "udp" or "icmp")) return $"protocol '{proto}' is not tcp, udp or icmp";
        if (!HostAddress.TryParse(fields[header.OrigHost], out var originator) || !HostAddress.TryParse(fields[header.RespHost], out var responder))
            return "id.orig_h or id.resp_h is not an IPv4 or IPv6 address";
        var ipv6 = !originator.IsIpv4;
        if (!int.TryParse(fields[header.OrigPort], CultureInfo.InvariantCulture, out var originatorPort)
            || !int.TryParse(fields[header.RespPort], CultureInfo.InvariantCulture, out var responderPort))
            return "id.orig_p or id.resp_p is not a port number";

        long startMicros = 0;
        if (decimal.TryParse(fields[header.Ts], NumberStyles.Float, CultureInfo.InvariantCulture, out var ts))
            startMicros = (long)(ts * 1_000_000m);
        else maskedTimes++;
        var durationMicros = 0L;
        if (header.Duration is { } dIndex && fields[dIndex] != unset)
        {
            if (!double.TryParse(fields[dIndex], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0)
                return $"duration '{fields[dIndex]}' is not a number of seconds";
            durationMicros = (long)(seconds * 1_000_000);
        }

        var originatorPackets = Count(fields, header.OrigPkts, unset);
        var responderPackets = Count(fields, header.RespPkts, unset);
        var originatorIpBytes = Count(fields, header.OrigIpBytes, unset);
        var responderIpBytes = Count(fields, header.RespIpBytes, unset);

        if (proto == "icmp")
        {
            // Zeek writes ICMPv6 as proto icmp too; the addresses tell them apart.
            if (ipv6 && originatorPort is >= 0 and <= 255 && Packets.PacketDecoder.IsLinkControl((byte)originatorPort)) return LinkControlSkip;
            AddIcmp(ipv6, into, startMicros, durationMicros, originator, responder, originatorPort, responderPort,
                originatorPackets, responderPackets, originatorIpBytes, responderIpBytes, Count(fields, header.OrigBytes, unset), Count(fields, header.RespBytes, unset));
            return null;
        }

        var history = header.History is { } h ? fields[h] : "";
        var estimatedBytes = false;
        long BytesOf(int? column, long? ipBytes, long? packets, char dataLetter)
        {
            if (column is { } c && fields[c] != unset && long.TryParse(fields[c], CultureInfo.InvariantCulture, out var value)) return value;
            // Unset (single-packet flows). TCP: no data unless the history shows some ('D'/'d');
            // a SYN's options would otherwise count as payload. UDP: IP bytes minus IP and UDP headers.
            if (proto == "tcp" && !history.Contains(dataLetter)) return 0;
            estimatedBytes = true;
            var headerBytes = (proto == "tcp" ? 20 : 8) + (ipv6 ? 40 : 20);
            return ipBytes is { } ip && packets is { } p ? Math.Max(0, ip - p * headerBytes) : 0;
        }
        var sourceBytes = BytesOf(header.OrigBytes, originatorIpBytes, originatorPackets, 'D');
        var destinationBytes = BytesOf(header.RespBytes, responderIpBytes, responderPackets, 'd');
        var missed = Count(fields, header.MissedBytes, unset) ?? 0;
        var lowConfidence = estimatedBytes || missed > 0 || history.Contains('^');

        var service = ServiceMap.ForPorts(proto == "tcp" ? (byte)6 : (byte)17, originatorPort, responderPort);
        var flag = proto == "tcp" ? MapConnState(fields[header.ConnState], history) : "SF";
        into.Add(new ConnectionSummary
        {
            Endpoints = new ConnectionEndpoints(CaptureClock.Time(startMicros), originator, originatorPort, responder, responderPort),
            DurationMicros = durationMicros,
            Protocol = proto,
            Service = service,
            Flag = flag,
            SourceBytes = sourceBytes,
            DestinationBytes = destinationBytes,
            LoggedIn = FeatureAvailability.EstimateLoggedIn(flag, service, destinationBytes),
            NotObserved = FeatureAvailability.ZeekNotObserved,
            Estimated = lowConfidence ? FeatureAvailability.LoggedInAndBytesEstimated : FeatureAvailability.LoggedInEstimated,
        });
        return null;
    }

    /// <summary>
    /// Zeek folds ICMP messages into flows (ports = type and code); NSL-KDD has one record per
    /// message (duration 0, dst_bytes 0). So a row becomes one record per message, spread evenly
    /// over its duration, sized as the ICMP message (IP bytes per packet minus the 20-byte IPv4 or 40-byte IPv6 header).
    /// An echo request row's replies become ecr_i records from the responder.
    /// </summary>
    private static void AddIcmp(bool ipv6, List<ConnectionSummary> into, long startMicros, long durationMicros, HostAddress originator, HostAddress responder,
        int type, int code, long? originatorPackets, long? responderPackets, long? originatorIpBytes, long? responderIpBytes,
        long? originatorBytes, long? responderBytes)
    {
        AddMessages(ipv6, into, startMicros, durationMicros, originator, responder, type, code, originatorPackets ?? 1, originatorIpBytes, originatorBytes);
        if (type == (ipv6 ? 128 : 8) && responderPackets is > 0)
            AddMessages(ipv6, into, startMicros, durationMicros, responder, originator, ipv6 ? 129 : 0, 0, responderPackets.Value, responderIpBytes, responderBytes);
    }

    private static void AddMessages(bool ipv6, List<ConnectionSummary> into, long startMicros, long durationMicros, HostAddress from, HostAddress to,
        int type, int code, long packets, long? ipBytes, long? payloadBytes)
    {
        packets = Math.Clamp(packets, 1, MaxIcmpRecordsPerRow);
        var size = ipBytes is { } ip ? Math.Max(0, ip / packets - (ipv6 ? 40 : 20)) : (payloadBytes ?? 0) / packets;
        var service = ipv6 ? ServiceMap.ForIcmpv6(type, code) : ServiceMap.ForIcmp(type, code);
        for (var i = 0; i < packets; i++)
        {
            into.Add(new ConnectionSummary
            {
                Endpoints = new ConnectionEndpoints(CaptureClock.Time(startMicros + (packets > 1 ? durationMicros * i / (packets - 1) : 0)), from, type, to, code),
                Protocol = "icmp",
                Service = service,
                Flag = "SF",
                SourceBytes = size,
                NotObserved = FeatureAvailability.ZeekNotObserved,
                Estimated = FeatureAvailability.None,
            });
        }
    }

    /// <summary>
    /// Zeek conn_state → NSL-KDD flag. RSTRH and SHR never occur in NSL-KDD: OTH. A half-open
    /// attempt (history only S and h: SYN, SYN-ACK, nothing else) is S0, as in the capture path.
    /// </summary>
    public static string MapConnState(string state, string history) => state switch
    {
        "S0" or "S1" or "SF" or "REJ" or "S2" or "S3" or "RSTO" or "RSTR" or "RSTOS0" or "SH" => state,
        "OTH" when history.Length > 0 && history.All(c => c is 'S' or 'h') && history.Contains('S') && history.Contains('h') => "S0",
        _ => "OTH",
    };

    private static long? Count(string[] fields, int? column, string unset) =>
        column is { } c && fields[c] != unset && long.TryParse(fields[c], CultureInfo.InvariantCulture, out var value) ? value : null;
}
