using System.Net;
using System.Net.NetworkInformation;
using Nad.Traffic.Connections;
using Nad.Traffic.Extraction;
using PacketDotNet;
using PacketDotNet.Utils;
using SharpPcap;
using SharpPcap.LibPcap;

namespace Nad.Traffic.Tests;

/// <summary>
/// Builds real capture files for the tests: frames made by PacketDotNet (an encoder independent
/// of NAD's decoder), written by libpcap through SharpPcap. Times are seconds from a fixed start.
/// </summary>
internal sealed class CaptureBuilder
{
    public const long StartSeconds = 1_700_000_000;
    private readonly List<(double Time, byte[] Frame)> frames = [];
    private static readonly PhysicalAddress MacA = PhysicalAddress.Parse("02-00-00-00-00-01");
    private static readonly PhysicalAddress MacB = PhysicalAddress.Parse("02-00-00-00-00-02");

    public int Count => frames.Count;

    public CaptureBuilder Tcp(double time, string source, int sourcePort, string destination, int destinationPort, string flags,
        uint sequence = 1000, uint acknowledgment = 0, int payload = 0, byte[]? data = null)
    {
        var tcp = new TcpPacket((ushort)sourcePort, (ushort)destinationPort)
        {
            SequenceNumber = sequence,
            AcknowledgmentNumber = acknowledgment,
            WindowSize = 65535,
            Synchronize = flags.Contains('S'),
            Acknowledgment = flags.Contains('A'),
            Finished = flags.Contains('F'),
            Reset = flags.Contains('R'),
            Push = flags.Contains('P'),
            Urgent = flags.Contains('U'),
        };
        var bytes = data ?? new byte[payload];
        if (bytes.Length > 0) tcp.PayloadData = bytes;
        return Add(time, source, destination, tcp);
    }

    public CaptureBuilder Udp(double time, string source, int sourcePort, string destination, int destinationPort, int payload)
    {
        var udp = new UdpPacket((ushort)sourcePort, (ushort)destinationPort) { PayloadData = new byte[payload] };
        return Add(time, source, destination, udp);
    }

    /// <summary>An ICMP echo request (type 8) or reply (type 0) with <paramref name="data"/> bytes after the 8-byte header.</summary>
    public CaptureBuilder Icmp(double time, string source, string destination, IcmpV4TypeCode typeCode, int data)
    {
        var icmp = new IcmpV4Packet(new ByteArraySegment(new byte[8])) { TypeCode = typeCode, Id = 7, Sequence = (ushort)frames.Count };
        icmp.PayloadData = new byte[data];
        return Add(time, source, destination, icmp);
    }

    /// <summary>
    /// One IPv4 fragment carrying <paramref name="ipPayload"/> (the datagram's bytes from
    /// <paramref name="offsetBytes"/>, a multiple of 8): identification, more-fragments flag and
    /// offset written into the header PacketDotNet built, then the header checksum recomputed.
    /// </summary>
    public CaptureBuilder Fragment(double time, string source, string destination, ProtocolType protocol, ushort id, int offsetBytes, bool moreFragments, byte[] ipPayload)
    {
        var ip = new IPv4Packet(IPAddress.Parse(source), IPAddress.Parse(destination)) { Protocol = protocol, TimeToLive = 64, PayloadData = ipPayload };
        var ethernet = new EthernetPacket(MacA, MacB, EthernetType.IPv4) { PayloadPacket = ip };
        ethernet.UpdateCalculatedValues();
        ip.UpdateCalculatedValues();
        var frame = ethernet.Bytes;
        const int header = 14;
        frame[header + 4] = (byte)(id >> 8);
        frame[header + 5] = (byte)id;
        var field = (moreFragments ? 0x2000 : 0) | (offsetBytes / 8);
        frame[header + 6] = (byte)(field >> 8);
        frame[header + 7] = (byte)field;
        frame[header + 10] = frame[header + 11] = 0;
        uint sum = 0;
        for (var i = 0; i < 20; i += 2) sum += (uint)(frame[header + i] << 8 | frame[header + i + 1]);
        while (sum > 0xFFFF) sum = (sum & 0xFFFF) + (sum >> 16);
        frame[header + 10] = (byte)(~sum >> 8);
        frame[header + 11] = (byte)~sum;
        return Raw(time, frame);
    }

    public CaptureBuilder Raw(double time, byte[] frame)
    {
        frames.Add((time, frame));
        return this;
    }

    /// <summary>An Ethernet frame carrying <paramref name="transport"/> in IPv4 or IPv6 (by the addresses), checksums and lengths filled in.</summary>
    public static byte[] Frame(string source, string destination, Packet transport)
    {
        var from = IPAddress.Parse(source);
        if (from.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            var ip6 = new IPv6Packet(from, IPAddress.Parse(destination)) { PayloadPacket = transport, HopLimit = 64 };
            var ethernet6 = new EthernetPacket(MacA, MacB, EthernetType.IPv6) { PayloadPacket = ip6 };
            ethernet6.UpdateCalculatedValues();
            ip6.UpdateCalculatedValues();
            switch (transport)
            {
                case TcpPacket tcp: tcp.UpdateTcpChecksum(); break;
                case UdpPacket udp: udp.UpdateUdpChecksum(); break;
            }
            return ethernet6.Bytes;
        }
        var ip = new IPv4Packet(from, IPAddress.Parse(destination)) { PayloadPacket = transport, TimeToLive = 64 };
        var ethernet = new EthernetPacket(MacA, MacB, EthernetType.IPv4) { PayloadPacket = ip };
        ethernet.UpdateCalculatedValues();
        ip.UpdateCalculatedValues();
        switch (transport)
        {
            case TcpPacket tcp: tcp.UpdateTcpChecksum(); break;
            case UdpPacket udp: udp.UpdateUdpChecksum(); break;
            case IcmpV4Packet icmp: icmp.UpdateIcmpChecksum(); break;
        }
        ip.UpdateIPChecksum();
        return ethernet.Bytes;
    }

    /// <summary>
    /// An Ethernet frame with an IPv6 header (built by PacketDotNet) whose next header is
    /// <paramref name="nextHeader"/> and whose payload is <paramref name="payload"/> as given:
    /// extension headers, fragments or an ICMPv6 message written byte by byte by the test.
    /// </summary>
    public static byte[] Ipv6Frame(string source, string destination, byte nextHeader, byte[] payload)
    {
        var ip6 = new IPv6Packet(IPAddress.Parse(source), IPAddress.Parse(destination)) { HopLimit = 64, PayloadData = payload };
        var ethernet = new EthernetPacket(MacA, MacB, EthernetType.IPv6) { PayloadPacket = ip6 };
        ethernet.UpdateCalculatedValues();
        ip6.PayloadLength = (ushort)payload.Length; // PacketDotNet derives it only from a payload packet, not raw payload data
        var frame = ethernet.Bytes;
        frame[14 + 6] = nextHeader;
        return frame;
    }

    /// <summary>An ICMPv6 message: type, code, a zero checksum, 4 bytes of id/sequence, then <paramref name="data"/> bytes.</summary>
    public CaptureBuilder Icmpv6(double time, string source, string destination, byte type, byte code, int data) =>
        Raw(time, Ipv6Frame(source, destination, 58, [type, code, 0, 0, 0, 7, 0, (byte)frames.Count, .. new byte[data]]));

    private CaptureBuilder Add(double time, string source, string destination, Packet transport) =>
        Raw(time, Frame(source, destination, transport));

    /// <summary>Writes the capture into <paramref name="folder"/> (a fresh name) and extracts it: the records and the report.</summary>
    public (List<ExtractedConnection> Records, ExtractionReport Report) Extract(string folder, LinkLayers link = LinkLayers.Ethernet, ExtractionSettings? settings = null)
    {
        // A folder, not the Traffic tests' TempFiles: this file is also compiled into the Service and Dashboard tests.
        var path = Write(Path.Combine(folder, $"{Guid.NewGuid():N}.pcap"), link);
        var report = new ExtractionReport { Source = path };
        return (PcapExtractor.Extract(path, report, settings).ToList(), report);
    }

    /// <summary>Writes the frames as a pcap file with the given link type (Ethernet unless told).</summary>
    public string Write(string path, LinkLayers link = LinkLayers.Ethernet)
    {
        using var writer = new CaptureFileWriterDevice(path);
        writer.Open(new DeviceConfiguration { LinkLayerType = link });
        foreach (var (time, frame) in frames)
        {
            var micros = (long)Math.Round(time * 1_000_000);
            var timeval = new PosixTimeval((ulong)(StartSeconds + micros / 1_000_000), (ulong)(micros % 1_000_000));
            writer.Write(new RawCapture(link, timeval, frame));
        }
        return path;
    }
}
