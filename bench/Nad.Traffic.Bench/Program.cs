using System.Buffers.Binary;
using System.Diagnostics;
using Nad.Traffic.Connections;
using Nad.Traffic.Extraction;
using Nad.Traffic.Packets;
using Nad.Traffic.Windows;
using SharpPcap;
using SharpPcap.LibPcap;

// Traffic extraction benchmark. Builds a large capture by repeating the shared samples with
// shifted timestamps (and shifted addresses, so repetitions are new connections), then times
// extraction end to end: read (libpcap) + decode + track + windows + records.
// Usage: bench/traffic.sh [repetitions] [runs], or
//        dotnet run --project bench/Nad.Traffic.Bench -c Release -- <shared/data/traffic> <repetitions> <runs> [big.pcap]
var samples = args.Length > 0 ? args[0] : "../shared/data/traffic";
var repetitions = args.Length > 1 ? int.Parse(args[1]) : 600;
var runs = args.Length > 2 ? int.Parse(args[2]) : 3;
// The built capture is kept for the next run; its name holds the repetitions so a different size is rebuilt.
var bigPath = args.Length > 3 ? args[3] : Path.Combine(Path.GetTempPath(), $"nad-traffic-bench-{repetitions}.pcap");
const int SnapLength = 128; // headers and the start of each payload, as a capture with -s 128 keeps

string[] names = ["zeek-wikipedia.pcap", "ftp-bruteforce.pcap", "telnet-login.pcap", "icmp-5-pings.pcap", "nmap-syn-scan.pcap", "tcp-synflood.pcap", "web-browsing.pcap"];
var frames = new List<(long Micros, byte[] Frame)>();
foreach (var name in names)
{
    using var device = new CaptureFileReaderDevice(Path.Combine(samples, name));
    device.Open();
    var first = -1L;
    var offset = frames.Count == 0 ? 0 : frames[^1].Micros + 1_000_000;
    while (device.GetNextPacket(out var capture) == GetPacketStatus.PacketRead)
    {
        var micros = (long)capture.Header.Timeval.Seconds * 1_000_000 + (long)capture.Header.Timeval.MicroSeconds;
        if (first < 0) first = micros;
        frames.Add((offset + micros - first, capture.Data[..Math.Min(capture.Data.Length, SnapLength)].ToArray()));
    }
}
var span = frames[^1].Micros + 10_000_000; // one repetition, plus 10 s so connections time out between them
long totalPackets = (long)frames.Count * repetitions;
if (!File.Exists(bigPath) || new FileInfo(bigPath).Length < 1000)
{
    using var output = new BufferedStream(File.Create(bigPath), 1 << 20);
    var header = new byte[24];
    BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
    BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 2);
    BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), 4);
    BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), SnapLength);
    BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), 1); // Ethernet
    output.Write(header);
    var record = new byte[16];
    var frame = new byte[SnapLength];
    for (var k = 0; k < repetitions; k++)
    {
        foreach (var (micros, original) in frames)
        {
            var time = 1_600_000_000_000_000 + k * span + micros;
            original.CopyTo(frame, 0);
            // IPv4 over Ethernet: move both addresses into repetition k's own /16.
            if (original.Length >= 34 && original[12] == 0x08 && original[13] == 0x00)
            {
                frame[14 + 13] = (byte)(original[14 + 13] + k);
                frame[14 + 17] = (byte)(original[14 + 17] + k);
            }
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(time / 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), (uint)(time % 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), (uint)original.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(12), (uint)original.Length);
            output.Write(record);
            output.Write(frame, 0, original.Length);
        }
    }
}
Console.WriteLine($"capture: {bigPath}, {new FileInfo(bigPath).Length / 1e6:N0} MB, {totalPackets:N0} packets ({repetitions} x {frames.Count} sample packets, snap length {SnapLength})");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine($"load average at start: {LoadAverage()}");

// Baseline: libpcap reading alone (SharpPcap's GetNextPacket), no decoding.
{
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    long count = 0;
    using var device = new CaptureFileReaderDevice(bigPath);
    device.Open();
    while (device.GetNextPacket(out _) == GetPacketStatus.PacketRead) count++;
    var readCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    Console.WriteLine($"read only: {watch.Elapsed.TotalSeconds:0.00} s wall, {readCpu:0.00} s CPU, {count / readCpu:N0} packets per CPU-second");
}

// Stage costs, one thread each (a poor man's profile): reading + decoding, + connection
// tracking, + windows and records, + the records' address text (as CSV and alert output
// format it, on demand). Each figure includes the stages before it.
{
    var stageNames = new[] { "read + decode", "read + decode + track", "read + decode + track + windows", "read + decode + track + windows + address text" };
    long textLength = 0;
    for (var stage = 0; stage < 4; stage++)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        using var device = new CaptureFileReaderDevice(bigPath);
        device.Open();
        var tracker = new ConnectionTracker();
        var windows = new TrafficWindows();
        var ready = new List<ConnectionSummary>();
        long decoded = 0, made = 0;
        while (device.GetNextPacket(out var capture) == GetPacketStatus.PacketRead)
        {
            var time = capture.Header.Timeval;
            if (PacketDecoder.Decode(LinkKind.Ethernet, capture.Data, (long)time.Seconds * 1_000_000 + (long)time.MicroSeconds, out var packet) != PacketSkipReason.None) continue;
            decoded++;
            if (stage == 0) continue;
            tracker.OnPacket(packet);
            if ((decoded & 0xFFF) != 0) continue;
            ready.Clear();
            tracker.TakeReady(ready);
            foreach (var summary in ready)
            {
                made++;
                if (stage < 2) continue;
                var record = windows.Add(summary);
                if (stage == 3) textLength += record.SourceAddress.Length + record.DestinationAddress.Length;
            }
        }
        var seconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"stage {stageNames[stage]}: {seconds:0.00} s CPU, {decoded / seconds:N0} packets per CPU-second ({made:N0} records{(stage == 3 ? $", {textLength:N0} address characters" : "")})");
    }
}

var times = new List<double>();
var cpuTimes = new List<double>();
long records = 0, used = 0;
for (var run = 0; run < runs; run++)
{
    var report = new ExtractionReport();
    var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    records = 0;
    foreach (var connection in PcapExtractor.Extract(bigPath, report)) records++;
    watch.Stop();
    used = report.PacketsUsed;
    totalPackets = report.PacketsRead;
    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
    times.Add(watch.Elapsed.TotalSeconds);
    cpuTimes.Add(cpuSeconds);
    Console.WriteLine($"run {run + 1}: {watch.Elapsed.TotalSeconds:0.00} s wall, {cpuSeconds:0.00} s CPU, {report.PacketsRead / watch.Elapsed.TotalSeconds:N0} packets/s, {records / watch.Elapsed.TotalSeconds:N0} records/s");
}
times.Sort();
cpuTimes.Sort();
var median = times[times.Count / 2];
var cpuMedian = cpuTimes[cpuTimes.Count / 2];
Console.WriteLine();
Console.WriteLine("| measure | value |");
Console.WriteLine("|---|---|");
Console.WriteLine($"| packets (used) | {totalPackets:N0} ({used:N0}) |");
Console.WriteLine($"| records | {records:N0} |");
Console.WriteLine($"| extraction time, median of {runs} (min-max) | {median:0.00} s ({times[0]:0.00}-{times[^1]:0.00}) |");
Console.WriteLine($"| CPU time, median | {cpuMedian:0.00} s |");
Console.WriteLine($"| packets/s (wall) | {totalPackets / median:N0} |");
Console.WriteLine($"| packets per CPU-second | {totalPackets / cpuMedian:N0} |");
Console.WriteLine($"| records/s (wall) | {records / median:N0} |");
Console.WriteLine($"| records per CPU-second | {records / cpuMedian:N0} |");
Console.WriteLine($"| peak working set (whole process) | {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB |");
Console.WriteLine($"| load average at end (1, 5, 15 min) | {LoadAverage()} |");

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
