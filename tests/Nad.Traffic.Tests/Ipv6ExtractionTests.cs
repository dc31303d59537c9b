using Nad.Core.Records;
using Nad.Traffic.Connections;
using Nad.Traffic.Extraction;
using Nad.Traffic.Packets;
using PacketDotNet;

namespace Nad.Traffic.Tests;

/// <summary>IPv6 captures built by the test with PacketDotNet (extension headers and fragments byte by byte), extracted, checked against values worked out by hand.</summary>
public sealed class Ipv6ExtractionTests : IDisposable
{
    private const string Client = "2001:db8::1";
    private const string Server = "2001:db8::2";
    private readonly TempFiles temp = new();

    public void Dispose() => temp.Dispose();

    private (List<ExtractedConnection> Records, ExtractionReport Report) Extract(CaptureBuilder capture, LinkLayers link = LinkLayers.Ethernet) =>
        capture.Extract(temp.Folder, link);

    private static byte[] TcpSyn(int sourcePort, int destinationPort) =>
        new TcpPacket((ushort)sourcePort, (ushort)destinationPort) { Synchronize = true, SequenceNumber = 9, WindowSize = 1024 }.Bytes;

    /// <summary>An IPv6 fragment header (next header, 13-bit offset in 8-byte units, M flag, 32-bit id), then the fragment's data.</summary>
    private static byte[] Fragment(byte nextHeader, int offsetBytes, bool moreFragments, uint id, byte[] data)
    {
        var field = offsetBytes | (moreFragments ? 1 : 0);
        return [nextHeader, 0, (byte)(field >> 8), (byte)field, (byte)(id >> 24), (byte)(id >> 16), (byte)(id >> 8), (byte)id, .. data];
    }

    [Fact]
    public void Handshake_data_and_fin_over_ipv6_give_SF_http_with_payload_bytes()
    {
        var capture = CaptureExtractionTests.Conversation(new CaptureBuilder(), 0, Client, 40000, Server, 80, new byte[100], new byte[300]);
        var (records, report) = Extract(capture);

        var only = Assert.Single(records);
        var r = only.Record;
        Assert.Equal(("tcp", "http", "SF"), (r.ProtocolType, r.Service, r.Flag));
        Assert.Equal(2, r["duration"]);
        Assert.Equal(100, r["srcbytes"]); // payload, not frames, retransmission once
        Assert.Equal(300, r["dstbytes"]);
        Assert.Equal(0, r["land"]);
        Assert.Equal(1, r["count"]);
        Assert.Equal(1, r["dsthostcount"]);
        Assert.Equal((Client, 40000, Server, 80), (only.Endpoints.SourceAddress.ToString(), only.Endpoints.SourcePort, only.Endpoints.DestinationAddress.ToString(), only.Endpoints.DestinationPort));
        Assert.False(only.Endpoints.SourceAddress.IsIpv4);
        Assert.Equal(8, report.PacketsUsed);
        Assert.Empty(report.PacketsSkipped);
    }

    [Fact]
    public void Rejected_ipv6_syn_gives_REJ()
    {
        var capture = new CaptureBuilder()
            .Tcp(0, Client, 40001, Server, 23, "S", sequence: 7)
            .Tcp(0.001, Server, 23, Client, 40001, "RA", sequence: 0, acknowledgment: 8);
        var r = Assert.Single(Extract(capture).Records).Record;
        Assert.Equal(("tcp", "telnet", "REJ"), (r.ProtocolType, r.Service, r.Flag));
        Assert.Equal((0, 0), (r["srcbytes"], r["dstbytes"]));
        Assert.Equal(1, r["rerrorrate"]);
        Assert.Equal(1, r["dsthostrerrorrate"]);
    }

    [Fact]
    public void Icmpv6_echo_and_errors_map_to_the_icmp_services_and_neighbour_discovery_is_a_counted_skip()
    {
        var capture = new CaptureBuilder()
            .Icmpv6(0, Client, Server, 128, 0, 56)
            .Icmpv6(0.001, Server, Client, 129, 0, 56)
            .Icmpv6(0.002, Server, Client, 1, 4, 48) // port unreachable
            .Icmpv6(0.003, Server, Client, 1, 3, 48) // address unreachable
            .Icmpv6(0.004, Server, Client, 3, 0, 48) // hop limit exceeded
            .Icmpv6(0.005, Client, "ff02::1:ff00:2", 135, 0, 24) // neighbour solicitation
            .Icmpv6(0.006, "fe80::1", "ff02::16", 143, 0, 20); // MLDv2 report
        var (records, report) = Extract(capture);
        Assert.Equal(["eco_i", "ecr_i", "urp_i", "urh_i", "tim_i"], records.Select(x => x.Record.Service));
        Assert.All(records, x => Assert.Equal(("icmp", "SF"), (x.Record.ProtocolType, x.Record.Flag)));
        Assert.Equal(64, records[0].Record["srcbytes"]); // the whole ICMPv6 message: 8-byte header + 56
        Assert.Equal((128, 0), (records[0].Endpoints.SourcePort, records[0].Endpoints.DestinationPort)); // type and code, as Zeek writes them
        Assert.Equal(2, report.PacketsSkipped[PacketSkipReason.Ipv6LinkControl]);
        Assert.Equal(5, report.PacketsUsed);
    }

    [Fact]
    public void Hop_by_hop_and_destination_options_before_tcp_are_walked()
    {
        byte[] hopByHop = [60, 0, 1, 4, 0, 0, 0, 0]; // next: destination options; 8 bytes; PadN
        byte[] destination = [6, 1, 1, 12, .. new byte[12]]; // next: TCP; 16 bytes; PadN
        var frame = CaptureBuilder.Ipv6Frame(Client, Server, 0, [.. hopByHop, .. destination, .. TcpSyn(40100, 80)]);
        // Written by hand per RFC 8200: PacketDotNet 1.4.8 cannot check it (it reads the first header's length for every header of a chain).

        var (records, report) = Extract(new CaptureBuilder().Raw(0, frame));
        var only = Assert.Single(records);
        Assert.Equal(("tcp", "http", "S0"), (only.Record.ProtocolType, only.Record.Service, only.Record.Flag));
        Assert.Equal((40100, 80), (only.Endpoints.SourcePort, only.Endpoints.DestinationPort));
        Assert.Equal(1, report.PacketsUsed);
    }

    [Fact]
    public void Payload_length_comes_from_the_ipv6_header_not_the_frame()
    {
        var frame = CaptureBuilder.Frame(Client, Server, new UdpPacket(5000, 53) { PayloadData = new byte[4] });
        var padded = new byte[frame.Length + 10]; // trailing bytes (padding, a trailer) are not payload
        frame.CopyTo(padded, 0);
        var only = Assert.Single(Extract(new CaptureBuilder().Raw(0, padded)).Records);
        Assert.Equal(("udp", "domain_u"), (only.Record.ProtocolType, only.Record.Service));
        Assert.Equal(4, only.Record["srcbytes"]);
    }

    [Fact]
    public void A_snap_length_that_ends_inside_an_extension_header_is_a_truncated_skip_not_a_crash()
    {
        byte[] destination = [6, 1, 1, 12, .. new byte[12]]; // next: TCP; 16 bytes
        var frame = CaptureBuilder.Ipv6Frame(Client, Server, 60, [.. destination, .. TcpSyn(40200, 80)]);
        var cut = frame[..(14 + 40 + 10)]; // captured with a small snap length: 10 of the option header's 16 bytes
        var (records, report) = Extract(new CaptureBuilder().Raw(0, cut));
        Assert.Empty(records);
        Assert.Equal(1, report.PacketsSkipped[PacketSkipReason.Truncated]);
    }

    [Fact]
    public void Esp_ah_no_next_header_and_cut_short_chains_are_counted_skips()
    {
        var capture = new CaptureBuilder()
            .Raw(0, CaptureBuilder.Ipv6Frame(Client, Server, 50, new byte[24]))
            .Raw(0.1, CaptureBuilder.Ipv6Frame(Client, Server, 0, [51, 0, 1, 4, 0, 0, 0, 0, .. new byte[24]])) // hop-by-hop, then AH
            .Raw(0.2, CaptureBuilder.Ipv6Frame(Client, Server, 59, []))
            .Raw(0.3, CaptureBuilder.Ipv6Frame(Client, Server, 0, [6, 5, 1, 4, 0, 0, 0, 0])) // claims 48 bytes, has 8
            .Raw(0.4, CaptureBuilder.Ipv6Frame(Client, Server, 132, new byte[12])); // SCTP
        var (records, report) = Extract(capture);
        Assert.Empty(records);
        Assert.Equal(2, report.PacketsSkipped[PacketSkipReason.Ipv6Encrypted]);
        Assert.Equal(1, report.PacketsSkipped[PacketSkipReason.Ipv6NoNextHeader]);
        Assert.Equal(1, report.PacketsSkipped[PacketSkipReason.Truncated]);
        Assert.Equal(1, report.PacketsSkipped[PacketSkipReason.OtherProtocol]);
    }

    [Fact]
    public void Ipv6_fragments_first_is_used_overlaps_count_as_wrong_fragment_and_orphans_are_skipped()
    {
        var first = new UdpPacket(5000, 7777) { PayloadData = new byte[24] }.Bytes; // 32 bytes
        var capture = new CaptureBuilder()
            .Raw(0, CaptureBuilder.Ipv6Frame(Client, Server, 44, Fragment(17, 0, true, 0x12345, first)))
            .Raw(0.001, CaptureBuilder.Ipv6Frame(Client, Server, 44, Fragment(17, 32, false, 0x12345, new byte[8]))) // clean
            .Raw(0.1, CaptureBuilder.Ipv6Frame(Client, Server, 44, Fragment(17, 0, true, 0x777, new UdpPacket(5001, 7777) { PayloadData = new byte[24] }.Bytes)))
            .Raw(0.101, CaptureBuilder.Ipv6Frame(Client, Server, 44, Fragment(17, 24, false, 0x777, new byte[16]))) // overlaps bytes 24-31
            .Raw(0.2, CaptureBuilder.Ipv6Frame(Client, Server, 44, Fragment(17, 8, false, 0x999, new byte[8]))); // first never seen
        var (records, report) = Extract(capture);
        Assert.Equal([5000, 5001], records.Select(x => x.Endpoints.SourcePort));
        Assert.All(records, x => Assert.Equal(("udp", "other", 24.0), (x.Record.ProtocolType, x.Record.Service, x.Record["srcbytes"])));
        Assert.Equal([0.0, 1.0], records.Select(x => x.Record["wrongfragment"]));
        Assert.Equal(1, report.PacketsSkipped[PacketSkipReason.Fragment]);
        Assert.Equal(4, report.PacketsUsed);
    }

    [Fact]
    public void An_ipv6_ping_of_death_is_a_fragment_past_65535_payload_bytes_not_past_the_ipv4_limit()
    {
        var capture = new CaptureBuilder();
        // Datagram 1 ends at 65,520: past IPv4's 65,515 but a legal IPv6 payload. Datagram 2 ends at 65,600.
        foreach (var (id, port, data) in new[] { (0x51u, 6001, 520), (0x52u, 6002, 600) })
        {
            capture.Raw(id * 0.01, CaptureBuilder.Ipv6Frame(Client, Server, 44, Fragment(17, 0, true, id, new UdpPacket((ushort)port, 9) { PayloadData = new byte[24] }.Bytes)));
            capture.Raw(id * 0.01 + 0.001, CaptureBuilder.Ipv6Frame(Client, Server, 44, Fragment(17, 65_000, false, id, new byte[data])));
        }
        var records = Extract(capture).Records;
        Assert.Equal([6001, 6002], records.Select(x => x.Endpoints.SourcePort));
        Assert.Equal([0.0, 1.0], records.Select(x => x.Record["wrongfragment"]));
    }

    [Fact]
    public void Host_windows_count_the_same_host_only_so_ipv4_and_ipv6_stay_apart()
    {
        var capture = new CaptureBuilder();
        for (var i = 0; i < 3; i++) capture.Udp(i * 0.1, "10.0.0.1", 41000 + i, "10.0.0.2", 53, 30);
        for (var i = 0; i < 2; i++) capture.Udp(0.3 + i * 0.1, Client, 42000 + i, Server, 53, 30);
        var records = Extract(capture).Records;
        Assert.Equal(5, records.Count);
        var lastIpv4 = records[2].Record;
        Assert.Equal((3, 3, 3), (lastIpv4["count"], lastIpv4["srvcount"], lastIpv4["dsthostcount"]));
        var lastIpv6 = records[4].Record;
        Assert.Equal(2, lastIpv6["count"]); // the two IPv6 connections to Server, not the IPv4 ones
        Assert.Equal(5, lastIpv6["srvcount"]); // service windows span every host, either family
        Assert.Equal(2, lastIpv6["dsthostcount"]);
        Assert.Equal(5, lastIpv6["dsthostsrvcount"]);
        Assert.Equal(1, lastIpv6["samesrvrate"]);
        Assert.Equal(0.6, lastIpv6["srvdiffhostrate"]); // 3 of the 5 domain_u connections went to another host
        Assert.Equal(0.6, lastIpv6["dsthostsrvdiffhostrate"]);
    }

    [Fact]
    public void Land_works_for_ipv6()
    {
        var capture = new CaptureBuilder()
            .Tcp(0, Server, 7000, Server, 7000, "S")
            .Tcp(1, Client, 7000, Server, 7000, "S");
        var records = Extract(capture).Records;
        Assert.Equal([1.0, 0.0], records.Select(x => x.Record["land"]));
    }

    [Fact]
    public void Raw_ip_bsd_loopback_and_linux_cooked_ipv6_are_read()
    {
        var frame = CaptureBuilder.Frame(Client, Server, new UdpPacket(5000, 123) { PayloadData = new byte[48] });
        var ip = frame[14..];
        byte[] cooked = [0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0, 0x86, 0xDD, .. ip];
        foreach (var (link, bytes) in new[] { (LinkLayers.RawLegacy, ip), ((LinkLayers)0, [30, 0, 0, 0, .. ip]), ((LinkLayers)0, [0, 0, 0, 28, .. ip]), ((LinkLayers)113, cooked) })
        {
            var only = Assert.Single(Extract(new CaptureBuilder().Raw(0, bytes), link).Records);
            Assert.Equal(("udp", "ntp_u", 48.0, Client), (only.Record.ProtocolType, only.Record.Service, only.Record["srcbytes"], only.Endpoints.SourceAddress.ToString()));
        }
    }

    [Fact]
    public void Host_address_orders_prints_and_maps_ipv4()
    {
        Assert.True(HostAddress.TryParse("10.0.0.1", out var v4));
        Assert.True(HostAddress.TryParse("::ffff:10.0.0.1", out var mapped));
        Assert.True(HostAddress.TryParse("fe80::1%eth0", out var linkLocal));
        Assert.False(HostAddress.TryParse("example.org", out _));
        Assert.Equal(v4, mapped); // one host whichever way it is written
        Assert.True(v4.IsIpv4);
        Assert.Equal("10.0.0.1", v4.ToString());
        Assert.Equal("fe80::1", linkLocal.ToString());
        Assert.Equal(new HostAddress(0xFE80_0000_0000_0000, 1), linkLocal);
        Assert.True(v4.CompareTo(linkLocal) < 0);
        Assert.Equal("\"2001:db8::1\"", System.Text.Json.JsonSerializer.Serialize(HostAddress.FromIpv6(System.Net.IPAddress.Parse(Client).GetAddressBytes())));
    }
}
