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
//        dotnet run --project bench/Nad.Traffic.Bench -c Release -- <shared/data/traffic> <repetitions> <runs> [big.pcap] [ipv6]
// "ipv6" rewrites every IPv4 packet as IPv6 (hosts 2001:db8:<repetition>::<IPv4 address>, ICMP as
// ICMPv6) to time the IPv6 path on the same traffic.
var samples = args.Length > 0 ? args[0] : "../shared/data/traffic";
var repetitions = args.Length > 1 ? int.Parse(args[1]) : 600;
var runs = args.Length > 2 ? int.Parse(args[2]) : 3;
// The built capture is kept for the next run; its name holds the repetitions so a different size is rebuilt.
var asIpv6 = args.Length > 4 && args[4] == "ipv6";
var bigPath = args.Length > 3 && args[3] != "-" ? args[3] : Path.Combine(Path.GetTempPath(), $"nad-traffic-bench-{repetitions}{(asIpv6 ? "-ipv6" : "")}.pcap");
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
    BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), (uint)(asIpv6 ? SnapLength + 40 : SnapLength));
    BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), 1); // Ethernet
    output.Write(header);
    var record = new byte[16];
    var frame = new byte[SnapLength + 40];
    for (var k = 0; k < repetitions; k++)
    {
        foreach (var (micros, original) in frames)
        {
            var time = 1_600_000_000_000_000 + k * span + micros;
            var length = asIpv6 ? AsIpv6(original, frame, k) : -1;
            if (length < 0)
            {
                length = original.Length;
                original.CopyTo(frame, 0);
                // IPv4 over Ethernet: move both addresses into repetition k's own /16.
                if (original.Length >= 34 && original[12] == 0x08 && original[13] == 0x00)
                {
                    frame[14 + 13] = (byte)(original[14 + 13] + k);
                    frame[14 + 17] = (byte)(original[14 + 17] + k);
                }
            }
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(time / 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), (uint)(time % 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), (uint)length);
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(12), (uint)length);
            output.Write(record);
            output.Write(frame, 0, length);
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
                if (stage == 3) textLength += record.Endpoints.SourceAddress.ToString().Length + record.Endpoints.DestinationAddress.ToString().Length;
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

// An unfragmented IPv4-over-Ethernet frame rewritten as IPv6 into `into`; its length, or -1 to keep the frame as it is.
static int AsIpv6(byte[] v4, byte[] into, int repetition)
{
    if (v4.Length < 34 || v4[12] != 0x08 || v4[13] != 0x00 || v4[14] >> 4 != 4) return -1;
    var headerLength = (v4[14] & 0x0F) * 4;
    if ((BinaryPrimitives.ReadUInt16BigEndian(v4.AsSpan(20)) & 0x3FFF) != 0 || v4.Length < 14 + headerLength) return -1;
    var totalLength = BinaryPrimitives.ReadUInt16BigEndian(v4.AsSpan(16));
    var protocol = v4[23];
    v4.AsSpan(0, 12).CopyTo(into);
    into[12] = 0x86;
    into[13] = 0xDD;
    var ip = into.AsSpan(14, 40);
    ip.Clear();
    ip[0] = 0x60;
    BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)Math.Max(0, totalLength - headerLength));
    ip[6] = protocol == 1 ? (byte)58 : protocol;
    ip[7] = v4[22];
    // 2001:db8:<repetition>::<the IPv4 address>: each repetition is a new set of hosts.
    for (var side = 0; side < 2; side++)
    {
        var at = 8 + side * 16;
        BinaryPrimitives.WriteUInt32BigEndian(ip[at..], 0x20010DB8);
        BinaryPrimitives.WriteUInt16BigEndian(ip[(at + 4)..], (ushort)repetition);
        v4.AsSpan(26 + side * 4, 4).CopyTo(ip[(at + 12)..]);
    }
    var rest = v4.AsSpan(14 + headerLength);
    rest.CopyTo(into.AsSpan(54));
    if (protocol == 1 && rest.Length > 0) into[54] = rest[0] switch { 8 => 128, 0 => 129, 3 => 1, 11 => 3, var other => other };
    return 54 + rest.Length;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
