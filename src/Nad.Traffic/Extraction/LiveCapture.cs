using Nad.Traffic.Connections;
using Nad.Traffic.Packets;
using Nad.Traffic.Windows;
using SharpPcap;
using SharpPcap.LibPcap;

namespace Nad.Traffic.Extraction;

/// <summary>
/// Live capture on a network interface (libpcap through SharpPcap): records come out as
/// connections finish. The clock follows packet times, and the wall clock while the link is
/// quiet, so idle connections still end. Needs root or CAP_NET_RAW.
/// </summary>
public static class LiveCapture
{
    /// <summary>Shorter waits than for files: a user watching wants alerts soon after a connection ends.</summary>
    public static ExtractionSettings DefaultSettings { get; } = new()
    {
        Tracking = new TrackingSettings
        {
            TcpClosedLinger = TimeSpan.FromSeconds(1),
            TcpAttemptTimeout = TimeSpan.FromSeconds(5),
            ReorderDelay = TimeSpan.FromSeconds(1),
        },
    };

    /// <summary>The interfaces libpcap can see, by name.</summary>
    public static IReadOnlyList<string> InterfaceNames()
    {
        try
        {
            return [.. CaptureDeviceList.New().Select(d => d.Name)];
        }
        catch (Exception e) when (e is DllNotFoundException or PcapException or TypeInitializationException)
        {
            throw new InvalidOperationException($"libpcap cannot list interfaces ({e.Message}); on Debian: apt-get install libpcap0.8");
        }
    }

    public static IEnumerable<ExtractedConnection> Watch(string interfaceName, ExtractionReport report, ExtractionSettings? settings, CancellationToken cancel)
    {
        settings ??= DefaultSettings;
        var names = InterfaceNames();
        var device = CaptureDeviceList.New().OfType<LibPcapLiveDevice>().FirstOrDefault(d => d.Name == interfaceName)
            ?? throw new ArgumentException($"No interface named '{interfaceName}'. Interfaces: {string.Join(", ", names)}.");
        try
        {
            device.Open(new DeviceConfiguration { Snaplen = 65535, ReadTimeout = 200 });
        }
        catch (PcapException e)
        {
            device.Dispose();
            throw new UnauthorizedAccessException(
                $"Cannot capture on '{interfaceName}': {e.Message}. Live capture needs root or the CAP_NET_RAW capability (e.g. sudo setcap cap_net_raw+eip $(which dotnet)).", e);
        }
        return Run(device, report, settings, cancel);
    }

    private static IEnumerable<ExtractedConnection> Run(LibPcapLiveDevice device, ExtractionReport report, ExtractionSettings settings, CancellationToken cancel)
    {
        using var _ = device;
        var link = LinkKinds.FromLinkType((int)device.LinkType)
            ?? throw new ArgumentException($"Interface '{device.Name}' has link type {device.LinkType}, which NAD does not read.");
        var tracker = new ConnectionTracker(settings.Tracking);
        var windows = new TrafficWindows(settings.Windows);
        var ready = new List<ConnectionSummary>();
        while (!cancel.IsCancellationRequested)
        {
            ReadAvailable(device, link, tracker, report);
            tracker.AdvanceTo(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000);
            ready.Clear();
            tracker.TakeReady(ready);
            foreach (var summary in ready)
            {
                report.Records++;
                yield return windows.Add(summary);
            }
        }
        ready.Clear();
        tracker.Flush(ready);
        foreach (var summary in ready)
        {
            report.Records++;
            yield return windows.Add(summary);
        }
    }

    /// <summary>Reads packets until the read timeout says the link is quiet (at most a batch at a time).</summary>
    private static void ReadAvailable(LibPcapLiveDevice device, LinkKind link, ConnectionTracker tracker, ExtractionReport report)
    {
        for (var i = 0; i < 8192; i++)
        {
            var status = device.GetNextPacket(out var capture);
            if (status != GetPacketStatus.PacketRead) return;
            var time = capture.Header.Timeval;
            report.CountFrame(tracker.OnFrame(link, capture.Data, (long)time.Seconds * 1_000_000 + (long)time.MicroSeconds));
        }
    }
}
