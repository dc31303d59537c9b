using Nad.Core.Reading;
using Nad.Traffic.Connections;
using Nad.Traffic.Packets;
using Nad.Traffic.Windows;
using SharpPcap;
using SharpPcap.LibPcap;

namespace Nad.Traffic.Extraction;

/// <summary>
/// A pcap or pcapng file (read by libpcap through SharpPcap) → connection records, streamed:
/// packets are read in batches, finished connections come out in start-time order as the
/// capture advances, so memory does not grow with the file.
/// </summary>
public static class PcapExtractor
{
    private const int BatchPackets = 8192;

    /// <summary>Streams the records of a capture file; <paramref name="report"/> fills in as it goes.</summary>
    public static IEnumerable<ExtractedConnection> Extract(string path, ExtractionReport report, ExtractionSettings? settings = null)
    {
        settings ??= new ExtractionSettings();
        CheckLooksLikeCapture(path);
        using var device = Open(path);
        var link = LinkKinds.FromLinkType((int)device.LinkType)
            ?? throw new DataFormatException(new DataError(path, 0, null, null, null,
                $"has link type {device.LinkType} ({(int)device.LinkType}); NAD reads Ethernet (with or without VLAN tags), raw IP, Linux cooked and BSD loopback captures"));
        var tracker = new ConnectionTracker(settings);
        var windows = new TrafficWindows(settings.Windows);
        var ready = new List<ConnectionSummary>();
        var more = true;
        while (more)
        {
            more = ReadBatch(device, link, tracker, report, path);
            ready.Clear();
            if (more) tracker.TakeReady(ready);
            else tracker.Flush(ready);
            foreach (var summary in ready)
            {
                report.Records++;
                yield return windows.Add(summary);
            }
        }
        report.LateRecords = windows.LateConnections;
        report.ConnectionsEndedEarly = tracker.ConnectionsEndedEarly;
    }

    /// <summary>Reads up to one batch of packets into the tracker; false at the end of the capture.</summary>
    private static bool ReadBatch(CaptureFileReaderDevice device, LinkKind link, ConnectionTracker tracker, ExtractionReport report, string path)
    {
        for (var i = 0; i < BatchPackets; i++)
        {
            var status = device.GetNextPacket(out var capture);
            if (status == GetPacketStatus.NoRemainingPackets) return false;
            if (status != GetPacketStatus.PacketRead)
            {
                report.Warnings.Add($"{path}: the capture ends early after {report.PacketsRead:N0} packets ({device.LastError}); the packets before were used.");
                return false;
            }
            report.PacketsRead++;
            var time = capture.Header.Timeval;
            var micros = (long)time.Seconds * 1_000_000 + (long)time.MicroSeconds;
            var skip = PacketDecoder.Decode(link, capture.Data, micros, out var packet);
            if (skip != PacketSkipReason.None)
            {
                report.Skip(skip);
                continue;
            }
            report.PacketsUsed++;
            tracker.OnPacket(packet);
        }
        return true;
    }

    private static CaptureFileReaderDevice Open(string path)
    {
        var device = new CaptureFileReaderDevice(path);
        try
        {
            device.Open();
            return device;
        }
        catch (PcapException e)
        {
            device.Dispose();
            throw new DataFormatException(new DataError(path, 0, null, null, null, $"cannot be read as a packet capture: {e.Message}"));
        }
    }

    /// <summary>Refuses files that are not pcap or pcapng by their first bytes, with a plain message (libpcap's is cryptic).</summary>
    private static void CheckLooksLikeCapture(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Capture file not found: {path}", path);
        Span<byte> magic = stackalloc byte[4];
        int read;
        using (var stream = File.OpenRead(path)) read = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        if (read < 4)
            throw new DataFormatException(new DataError(path, 0, null, null, null, $"is not a packet capture: only {read} bytes long"));
        var value = BitConverter.ToUInt32(magic);
        uint[] known = [0xA1B2C3D4, 0xD4C3B2A1, 0xA1B23C4D, 0x4D3CB2A1, 0x0A0D0D0A];
        if (!known.Contains(value))
        {
            var text = magic.ToArray().All(b => b is >= 0x20 and < 0x7F or (byte)'\n' or (byte)'\r' or (byte)'\t');
            throw new DataFormatException(new DataError(path, 0, null, null, null,
                text ? "is a text file, not a packet capture (pcap or pcapng); for a Zeek conn.log use --zeek"
                     : $"is not a packet capture: it starts with bytes {Convert.ToHexString(magic)}, not a pcap or pcapng header"));
        }
    }
}
