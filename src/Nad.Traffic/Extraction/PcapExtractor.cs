using System.Collections.Concurrent;
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
/// capture advances, so memory does not grow with the file. Reading and processing run on two threads.
/// </summary>
public static class PcapExtractor
{
    private const int BatchesInFlight = 4;

    /// <summary>Streams the records of a capture file; <paramref name="report"/> fills in as it goes.</summary>
    public static IEnumerable<ExtractedConnection> Extract(string path, ExtractionReport report, ExtractionSettings? settings = null)
    {
        settings ??= new ExtractionSettings();
        CheckLooksLikeCapture(path);
        var device = Open(path);
        var link = LinkKinds.FromLinkType((int)device.LinkType);
        if (link is null)
        {
            var linkType = device.LinkType;
            device.Dispose();
            throw new DataFormatException(new DataError(path, 0, null, null, null,
                $"has link type {linkType} ({(int)linkType}); NAD reads Ethernet (with or without VLAN tags), raw IP, Linux cooked and BSD loopback captures"));
        }
        return Pipeline(device, link.Value, path, report, settings);
    }

    /// <summary>
    /// One thread reads frames with libpcap into batches; this one decodes, tracks and windows
    /// them. Two small queues bound the batches in flight, so memory stays flat.
    /// </summary>
    private static IEnumerable<ExtractedConnection> Pipeline(CaptureFileReaderDevice device, LinkKind link, string path, ExtractionReport report, ExtractionSettings settings)
    {
        using var free = new BlockingCollection<PacketBatch>(BatchesInFlight);
        using var full = new BlockingCollection<PacketBatch>(BatchesInFlight);
        for (var i = 0; i < BatchesInFlight; i++) free.Add(new PacketBatch());
        using var stop = new CancellationTokenSource();
        string? cutShort = null;
        var reader = Task.Run(() =>
        {
            try { cutShort = ReadAll(device, free, full, stop.Token); }
            finally { full.CompleteAdding(); }
        });
        try
        {
            var tracker = new ConnectionTracker(settings.Tracking);
            var windows = new TrafficWindows(settings.Windows);
            var ready = new List<ConnectionSummary>();
            foreach (var batch in full.GetConsumingEnumerable())
            {
                for (var i = 0; i < batch.Count; i++)
                    report.CountFrame(tracker.OnFrame(link, batch.Frame(i), batch.Time(i)));
                free.Add(batch);
                ready.Clear();
                tracker.TakeReady(ready);
                foreach (var summary in ready)
                {
                    report.Records++;
                    yield return windows.Add(summary);
                }
            }
            reader.GetAwaiter().GetResult(); // a read failure surfaces here
            ready.Clear();
            tracker.Flush(ready);
            foreach (var summary in ready)
            {
                report.Records++;
                yield return windows.Add(summary);
            }
            report.CutShort = cutShort;
            if (cutShort is not null)
                report.Warnings.Add($"{path}: the capture ends early after {report.PacketsRead:N0} packets ({cutShort}); the packets before were used.");
            report.LateRecords = windows.LateConnections;
            report.ConnectionsEndedEarly = tracker.ConnectionsEndedEarly;
        }
        finally
        {
            // Also when the caller stops early: stop the reader before closing the device.
            stop.Cancel();
            try { reader.Wait(); } catch (AggregateException) { }
            device.Dispose();
        }
    }

    /// <summary>Reads every frame into batches; returns libpcap's message when the file is cut short, else null.</summary>
    private static string? ReadAll(CaptureFileReaderDevice device, BlockingCollection<PacketBatch> free, BlockingCollection<PacketBatch> full, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                var batch = free.Take(stop);
                batch.Clear();
                string? error = null;
                var end = false;
                while (!batch.IsFull)
                {
                    var status = device.GetNextPacket(out var capture);
                    if (status == GetPacketStatus.NoRemainingPackets) { end = true; break; }
                    if (status != GetPacketStatus.PacketRead) { end = true; error = device.LastError; break; }
                    var time = capture.Header.Timeval;
                    batch.Add((long)time.Seconds * 1_000_000 + (long)time.MicroSeconds, capture.Data);
                }
                full.Add(batch, stop);
                if (end) return error;
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
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
