using System.Text;
using Nad.Traffic.Connections;
using Nad.Traffic.Extraction;
using Nad.Traffic.Packets;
using PacketDotNet;

namespace Nad.Traffic.Tests;

/// <summary>Captures built by the test with PacketDotNet, extracted, checked against values worked out by hand.</summary>
public sealed class CaptureExtractionTests : IDisposable
{
    private const string Client = "10.0.0.1";
    private const string Server = "10.0.0.2";
    private readonly TempFiles temp = new();

    public void Dispose() => temp.Dispose();

    private (List<ExtractedConnection> Records, ExtractionReport Report) Extract(CaptureBuilder capture, ExtractionSettings? settings = null) =>
        capture.Extract(temp.Folder, settings: settings);

    /// <summary>SYN, SYN-ACK, ACK, request, response, FIN both ways, with one retransmitted request segment.</summary>
    internal static CaptureBuilder Conversation(CaptureBuilder c, double t, string client, int clientPort, string server, int serverPort,
        byte[] request, byte[] response, double length = 2.5)
    {
        c.Tcp(t, client, clientPort, server, serverPort, "S", sequence: 100);
        c.Tcp(t + 0.01, server, serverPort, client, clientPort, "SA", sequence: 5000, acknowledgment: 101);
        c.Tcp(t + 0.02, client, clientPort, server, serverPort, "A", sequence: 101, acknowledgment: 5001);
        c.Tcp(t + 0.03, client, clientPort, server, serverPort, "PA", sequence: 101, acknowledgment: 5001, data: request);
        c.Tcp(t + 0.5, client, clientPort, server, serverPort, "PA", sequence: 101, acknowledgment: 5001, data: request); // retransmission
        c.Tcp(t + 1.0, server, serverPort, client, clientPort, "PA", sequence: 5001, acknowledgment: (uint)(101 + request.Length), data: response);
        c.Tcp(t + length - 0.1, client, clientPort, server, serverPort, "FA", sequence: (uint)(101 + request.Length), acknowledgment: (uint)(5001 + response.Length));
        c.Tcp(t + length, server, serverPort, client, clientPort, "FA", sequence: (uint)(5001 + response.Length), acknowledgment: (uint)(102 + request.Length));
        return c;
    }

    [Fact]
    public void Three_way_handshake_gives_SF_with_payload_bytes_and_the_context()
    {
        var capture = Conversation(new CaptureBuilder(), 0, Client, 40000, Server, 80, new byte[100], new byte[300]);
        var (records, report) = Extract(capture);

        var only = Assert.Single(records);
        var r = only.Record;
        Assert.Equal(("tcp", "http", "SF"), (r.ProtocolType, r.Service, r.Flag));
        Assert.Equal(2, r["duration"]); // 2.5 s, floored as NSL-KDD stores it
        Assert.Equal(100, r["srcbytes"]); // payload, not frames, and the retransmission counted once
        Assert.Equal(300, r["dstbytes"]);
        Assert.Equal(0, r["land"]);
        Assert.Equal(1, r["loggedin"]); // estimated: http exchange that went through
        Assert.Equal(1, r["count"]);
        Assert.Equal(1, r["srvcount"]);
        Assert.Equal(1, r["samesrvrate"]);
        Assert.Equal(0, r["diffsrvrate"]);
        Assert.Equal(0, r["serrorrate"]);
        Assert.Equal(1, r["dsthostcount"]);
        Assert.Equal(1, r["dsthostsamesrvrate"]);
        Assert.Equal(1, r["dsthostsamesrcportrate"]);
        Assert.Equal((Client, 40000, Server, 80), (only.Endpoints.SourceAddress.ToString(), only.Endpoints.SourcePort, only.Endpoints.DestinationAddress.ToString(), only.Endpoints.DestinationPort));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(CaptureBuilder.StartSeconds), only.Endpoints.StartTime);
        Assert.Contains("hot", only.NotObserved);
        Assert.Contains("numfailedlogins", only.NotObserved);
        Assert.Equal(["loggedin"], only.Estimated);
        Assert.Equal(8, report.PacketsUsed);
    }

    [Fact]
    public void Rejected_syn_gives_REJ_and_a_reject_error_rate_of_one()
    {
        var capture = new CaptureBuilder()
            .Tcp(0, Client, 40001, Server, 23, "S", sequence: 7)
            .Tcp(0.001, Server, 23, Client, 40001, "RA", sequence: 0, acknowledgment: 8);
        var r = Assert.Single(Extract(capture).Records).Record;
        Assert.Equal(("tcp", "telnet", "REJ"), (r.ProtocolType, r.Service, r.Flag));
        Assert.Equal(0, r["srcbytes"]);
        Assert.Equal(0, r["dstbytes"]);
        Assert.Equal(1, r["rerrorrate"]);
        Assert.Equal(1, r["srvrerrorrate"]);
        Assert.Equal(0, r["serrorrate"]);
        Assert.Equal(1, r["dsthostrerrorrate"]);
        Assert.Equal(0, r["loggedin"]); // telnet: observed by the login analyzer, no login happened
    }

    [Fact]
    public void Syn_flood_gives_S0_counts_that_include_the_current_connection_and_stop_at_the_caps()
    {
        var capture = new CaptureBuilder();
        for (var i = 0; i < 600; i++)
            capture.Tcp(i * 0.001, $"172.16.{i / 250}.{i % 250 + 1}", 1024 + i, Server, 80, "S", sequence: (uint)i);
        var records = Extract(capture).Records;

        Assert.Equal(600, records.Count);
        Assert.All(records, x => Assert.Equal("S0", x.Record.Flag));
        Assert.Equal(Enumerable.Range(0, 600).Select(i => DateTimeOffset.FromUnixTimeSeconds(CaptureBuilder.StartSeconds).AddMilliseconds(i)),
            records.Select(x => x.Endpoints.StartTime)); // start-time order
        var first = records[0].Record;
        Assert.Equal(1, first["count"]);
        Assert.Equal(1, first["serrorrate"]);
        var hundredth = records[99].Record;
        Assert.Equal(100, hundredth["count"]);
        Assert.Equal(100, hundredth["srvcount"]);
        Assert.Equal(100, hundredth["dsthostcount"]);
        Assert.Equal(0.01, hundredth["dsthostsamesrcportrate"]); // each flood packet has its own source port
        var last = records[^1].Record;
        Assert.Equal(511, last["count"]); // 600 in 0.6 s, capped as in NSL-KDD
        Assert.Equal(511, last["srvcount"]);
        Assert.Equal(255, last["dsthostcount"]); // 256-connection window, capped at 255
        Assert.Equal(255, last["dsthostsrvcount"]);
        Assert.Equal(1, last["serrorrate"]);
        Assert.Equal(1, last["dsthostserrorrate"]);
        Assert.Equal(1, last["dsthostsrvserrorrate"]);
        Assert.Equal(0, last["srvdiffhostrate"]);
    }

    [Fact]
    public void Time_window_holds_the_last_two_seconds_inclusive()
    {
        var capture = new CaptureBuilder();
        for (var i = 0; i < 10; i++)
            capture.Tcp(i * 0.5, Client, 30000 + i, Server, 80, "S");
        var counts = Extract(capture).Records.Select(x => x.Record["count"]).ToArray();
        Assert.Equal([1, 2, 3, 4, 5, 5, 5, 5, 5, 5], counts);
    }

    [Fact]
    public void Host_window_size_is_a_setting()
    {
        var capture = new CaptureBuilder();
        for (var i = 0; i < 150; i++)
            capture.Tcp(i * 0.001, Client, 30000 + i, Server, 80, "S");
        var settings = new ExtractionSettings { Windows = new Windows.WindowSettings { HostWindowConnections = 100 } };
        var last = Extract(capture, settings).Records[^1].Record;
        Assert.Equal(100, last["dsthostcount"]);
        Assert.Equal(150, last["count"]);
    }

    [Fact]
    public void Port_sweep_gives_REJ_high_reject_rates_and_the_service_mix()
    {
        int[] ports = [21, 22, 23, 25, 80, .. Enumerable.Range(2000, 95)];
        var capture = new CaptureBuilder();
        for (var i = 0; i < ports.Length; i++)
        {
            capture.Tcp(i * 0.0005, Client, 55555, Server, ports[i], "S", sequence: 99);
            capture.Tcp(i * 0.0005 + 0.0002, Server, ports[i], Client, 55555, "RA", sequence: 0, acknowledgment: 100);
        }
        var records = Extract(capture).Records;
        Assert.Equal(100, records.Count);
        Assert.All(records, x => Assert.Equal("REJ", x.Record.Flag));
        Assert.Equal(["ftp", "ssh", "telnet", "smtp", "http", "other"], records.Select(x => x.Record.Service).Distinct());
        var last = records[^1].Record;
        Assert.Equal(100, last["count"]);
        Assert.Equal(95, last["srvcount"]);
        Assert.Equal(1, last["rerrorrate"]);
        Assert.Equal(0.95, last["samesrvrate"]);
        Assert.Equal(0.05, last["diffsrvrate"]);
        Assert.Equal(1, last["dsthostsamesrcportrate"]); // nmap-style: one source port for every probe
        Assert.Equal(0.05, last["dsthostdiffsrvrate"]);
        Assert.Equal(1, last["dsthostrerrorrate"]);
    }

    [Fact]
    public void Icmp_echo_gives_one_record_per_message()
    {
        var capture = new CaptureBuilder();
        for (var i = 0; i < 3; i++)
        {
            capture.Icmp(i, Client, Server, IcmpV4TypeCode.EchoRequest, 56);
            capture.Icmp(i + 0.02, Server, Client, IcmpV4TypeCode.EchoReply, 56);
        }
        var records = Extract(capture).Records;
        Assert.Equal(["eco_i", "ecr_i", "eco_i", "ecr_i", "eco_i", "ecr_i"], records.Select(x => x.Record.Service));
        Assert.All(records, x =>
        {
            Assert.Equal(("icmp", "SF"), (x.Record.ProtocolType, x.Record.Flag));
            Assert.Equal(64, x.Record["srcbytes"]); // ICMP header + data
            Assert.Equal(0, x.Record["dstbytes"]);
            Assert.Equal(0, x.Record["duration"]);
            Assert.Contains("loggedin", x.NotObserved);
        });
        Assert.Equal(Server, records[^1].Endpoints.SourceAddress.ToString());
        Assert.Equal(3, records[^1].Record["count"]); // replies to the client at 0.02, 1.02, 2.02
        Assert.Equal(3, records[^1].Record["srvcount"]);
    }

    private static byte[] Text(string s) => Encoding.ASCII.GetBytes(s);

    /// <summary>An FTP session: banner, USER, PASS, then the server's verdict(s).</summary>
    private static CaptureBuilder FtpSession(CaptureBuilder c, double t, int clientPort, string user, params string[] replies)
    {
        uint cs = 101, ss = 5001;
        void Client(double at, string s) { c.Tcp(at, CaptureExtractionTests.Client, clientPort, Server, 21, "PA", cs, ss, data: Text(s)); cs += (uint)s.Length; }
        void Reply(double at, string s) { c.Tcp(at, Server, 21, CaptureExtractionTests.Client, clientPort, "PA", ss, cs, data: Text(s)); ss += (uint)s.Length; }
        c.Tcp(t, CaptureExtractionTests.Client, clientPort, Server, 21, "S", sequence: 100);
        c.Tcp(t + 0.01, Server, 21, CaptureExtractionTests.Client, clientPort, "SA", sequence: 5000, acknowledgment: 101);
        c.Tcp(t + 0.02, CaptureExtractionTests.Client, clientPort, Server, 21, "A", sequence: 101, acknowledgment: 5001);
        Reply(t + 0.03, "220 FTP server ready.\r\n");
        Client(t + 0.04, $"USER {user}\r\n");
        Reply(t + 0.05, "331 Please specify the password.\r\n");
        var at = t + 0.06;
        foreach (var reply in replies)
        {
            Client(at, "PASS secret\r\n");
            Reply(at + 0.01, reply);
            at += 0.02;
        }
        c.Tcp(at, CaptureExtractionTests.Client, clientPort, Server, 21, "FA", cs, ss);
        c.Tcp(at + 0.01, Server, 21, CaptureExtractionTests.Client, clientPort, "FA", ss, cs + 1);
        return c;
    }

    [Fact]
    public void Ftp_failed_and_successful_logins_are_read_from_the_payload()
    {
        var capture = new CaptureBuilder();
        FtpSession(capture, 0, 41000, "bro", "530 Login incorrect.\r\n", "530 Login incorrect.\r\n");
        FtpSession(capture, 5, 41001, "anonymous", "230 Login successful.\r\n");
        var records = Extract(capture).Records;
        Assert.Equal(2, records.Count);
        var failed = records[0];
        Assert.Equal(("ftp", "SF"), (failed.Record.Service, failed.Record.Flag));
        Assert.Equal(2, failed.Record["numfailedlogins"]);
        Assert.Equal(0, failed.Record["loggedin"]);
        Assert.Equal(0, failed.Record["isguestlogin"]);
        Assert.DoesNotContain("numfailedlogins", failed.NotObserved);
        Assert.Empty(failed.Estimated);
        var guest = records[1];
        Assert.Equal(0, guest.Record["numfailedlogins"]);
        Assert.Equal(1, guest.Record["loggedin"]);
        Assert.Equal(1, guest.Record["isguestlogin"]);
    }

    [Fact]
    public void Telnet_failed_then_successful_login_is_read_through_option_negotiation()
    {
        var c = new CaptureBuilder();
        uint cs = 101, ss = 5001;
        void FromClient(double at, byte[] b) { c.Tcp(at, Client, 42000, Server, 23, "PA", cs, ss, data: b); cs += (uint)b.Length; }
        void FromServer(double at, byte[] b) { c.Tcp(at, Server, 23, Client, 42000, "PA", ss, cs, data: b); ss += (uint)b.Length; }
        c.Tcp(0, Client, 42000, Server, 23, "S", sequence: 100);
        c.Tcp(0.01, Server, 23, Client, 42000, "SA", sequence: 5000, acknowledgment: 101);
        c.Tcp(0.02, Client, 42000, Server, 23, "A", sequence: 101, acknowledgment: 5001);
        FromServer(0.03, [0xFF, 0xFD, 0x18, 0xFF, 0xFB, 0x01, .. Text("login: ")]); // IAC DO TERMINAL-TYPE, IAC WILL ECHO
        FromClient(0.1, Text("root\r\n"));
        FromServer(0.11, Text("Password: "));
        FromClient(0.2, Text("guess\r\n"));
        FromServer(0.3, Text("\r\nLogin incorrect\r\nlogin: "));
        FromClient(0.4, Text("root\r\n"));
        FromServer(0.41, Text("Password: "));
        FromClient(0.5, Text("right\r\n"));
        FromServer(0.6, Text("Last login: Mon Nov 20 10:00:00\r\n$ "));
        var r = Assert.Single(Extract(c).Records).Record;
        Assert.Equal(("telnet", "S1"), (r.Service, r.Flag));
        Assert.Equal(1, r["numfailedlogins"]);
        Assert.Equal(1, r["loggedin"]);
    }

    [Fact]
    public void Urgent_counts_packets_with_the_URG_bit_only()
    {
        var capture = new CaptureBuilder()
            .Tcp(0, Client, 40002, Server, 23, "S", sequence: 100)
            .Tcp(0.01, Server, 23, Client, 40002, "SA", sequence: 500, acknowledgment: 101)
            .Tcp(0.02, Client, 40002, Server, 23, "A", sequence: 101, acknowledgment: 501)
            .Tcp(0.03, Client, 40002, Server, 23, "PAU", sequence: 101, acknowledgment: 501, payload: 1)
            .Tcp(0.04, Client, 40002, Server, 23, "PAU", sequence: 102, acknowledgment: 501, payload: 1)
            .Tcp(0.05, Client, 40002, Server, 23, "PA", sequence: 103, acknowledgment: 501, payload: 1);
        var r = Assert.Single(Extract(capture).Records).Record;
        Assert.Equal(2, r["urgent"]);
        Assert.Equal("S1", r.Flag); // established, never closed
        Assert.Equal(3, r["srcbytes"]);
    }

    [Fact]
    public void Flags_follow_zeek_for_each_ending()
    {
        var c = new CaptureBuilder();
        // RSTOS0: SYN then the originator's RST, no answer.
        c.Tcp(0, Client, 50001, Server, 80, "S").Tcp(0.1, Client, 50001, Server, 80, "R", sequence: 1001);
        // SH: SYN then FIN from the originator, no answer.
        c.Tcp(0, Client, 50002, Server, 80, "S").Tcp(0.1, Client, 50002, Server, 80, "F", sequence: 1001);
        // Half-open (SYN, SYN-ACK, nothing else): S0, as NSL-KDD's SYN floods are.
        c.Tcp(0, Client, 50003, Server, 80, "S").Tcp(0.01, Server, 80, Client, 50003, "SA", sequence: 9, acknowledgment: 1001);
        // RSTO: established, then the originator resets.
        c.Tcp(0, Client, 50004, Server, 80, "S").Tcp(0.01, Server, 80, Client, 50004, "SA", sequence: 9, acknowledgment: 1001)
            .Tcp(0.02, Client, 50004, Server, 80, "A", sequence: 1001, acknowledgment: 10).Tcp(0.03, Client, 50004, Server, 80, "RA", sequence: 1001);
        // RSTR: established, then the responder resets.
        c.Tcp(0, Client, 50005, Server, 80, "S").Tcp(0.01, Server, 80, Client, 50005, "SA", sequence: 9, acknowledgment: 1001)
            .Tcp(0.02, Client, 50005, Server, 80, "A", sequence: 1001, acknowledgment: 10).Tcp(0.03, Server, 80, Client, 50005, "RA", sequence: 10);
        // S2: established, originator FIN only.  S3: responder FIN only.
        c.Tcp(0, Client, 50006, Server, 80, "S").Tcp(0.01, Server, 80, Client, 50006, "SA", sequence: 9, acknowledgment: 1001)
            .Tcp(0.02, Client, 50006, Server, 80, "A", sequence: 1001, acknowledgment: 10).Tcp(0.03, Client, 50006, Server, 80, "FA", sequence: 1001, acknowledgment: 10);
        c.Tcp(0, Client, 50007, Server, 80, "S").Tcp(0.01, Server, 80, Client, 50007, "SA", sequence: 9, acknowledgment: 1001)
            .Tcp(0.02, Client, 50007, Server, 80, "A", sequence: 1001, acknowledgment: 10).Tcp(0.03, Server, 80, Client, 50007, "FA", sequence: 10, acknowledgment: 1001);
        // OTH: picked up mid-stream, never closed.
        c.Tcp(0, Client, 50008, Server, 80, "PA", sequence: 77, acknowledgment: 88, payload: 10);
        // UDP is always SF, whatever the answer.
        c.Udp(0, Client, 50009, Server, 53, 40);

        var flags = Extract(c).Records.ToDictionary(x => x.Endpoints.SourcePort, x => x.Record.Flag);
        Assert.Equal("RSTOS0", flags[50001]);
        Assert.Equal("SH", flags[50002]);
        Assert.Equal("S0", flags[50003]);
        Assert.Equal("RSTO", flags[50004]);
        Assert.Equal("RSTR", flags[50005]);
        Assert.Equal("S2", flags[50006]);
        Assert.Equal("S3", flags[50007]);
        Assert.Equal("OTH", flags[50008]);
        Assert.Equal("SF", flags[50009]);
    }

    [Fact]
    public void Port_reuse_after_a_close_starts_a_new_connection_and_idle_connections_expire()
    {
        var c = new CaptureBuilder();
        c.Tcp(0, Client, 40010, Server, 80, "S").Tcp(0.001, Server, 80, Client, 40010, "RA", sequence: 0, acknowledgment: 1001);
        c.Tcp(0.5, Client, 40010, Server, 80, "S").Tcp(0.501, Server, 80, Client, 40010, "RA", sequence: 0, acknowledgment: 1001);
        c.Udp(1, Client, 40011, Server, 53, 30).Udp(1 + 120, Client, 40011, Server, 53, 30); // 2 min apart: past the 1-min UDP timeout
        var records = Extract(c).Records;
        Assert.Equal(2, records.Count(x => x.Endpoints.SourcePort == 40010));
        Assert.Equal(2, records.Count(x => x.Endpoints.SourcePort == 40011));
    }

    [Fact]
    public void Vlan_tagged_frames_are_read_ipv6_too_and_arp_is_a_counted_skip()
    {
        var tcp = CaptureBuilder.Frame(Client, Server, new TcpPacket(40020, 80) { Synchronize = true, SequenceNumber = 5, WindowSize = 1024 });
        var tagged = new byte[tcp.Length + 4];
        tcp.AsSpan(0, 12).CopyTo(tagged);
        tagged[12] = 0x81; tagged[13] = 0x00; tagged[14] = 0x00; tagged[15] = 0x0A; // 802.1Q, VLAN 10
        tcp.AsSpan(12).CopyTo(tagged.AsSpan(16));
        var ipv6 = new EthernetPacket(System.Net.NetworkInformation.PhysicalAddress.Parse("02-00-00-00-00-01"), System.Net.NetworkInformation.PhysicalAddress.Parse("02-00-00-00-00-02"), EthernetType.IPv6)
        {
            PayloadPacket = new IPv6Packet(System.Net.IPAddress.Parse("fe80::1"), System.Net.IPAddress.Parse("fe80::2")) { PayloadPacket = new UdpPacket(1, 2) { PayloadData = new byte[4] } },
        };
        var arp = new byte[42];
        arp[12] = 0x08; arp[13] = 0x06;
        var capture = new CaptureBuilder().Raw(0, tagged).Raw(0.1, ipv6.Bytes).Raw(0.2, arp).Raw(0.3, new byte[10]);
        var (records, report) = Extract(capture);
        Assert.Equal(2, records.Count);
        Assert.Equal(("tcp", "http", "S0"), (records[0].Record.ProtocolType, records[0].Record.Service, records[0].Record.Flag));
        Assert.Equal(("udp", "private", 4.0, "fe80::1"), (records[1].Record.ProtocolType, records[1].Record.Service, records[1].Record["srcbytes"], records[1].Endpoints.SourceAddress.ToString()));
        Assert.Equal(1, report.PacketsSkipped[PacketSkipReason.NotIp]);
        Assert.Equal(1, report.PacketsSkipped[PacketSkipReason.Truncated]);
        Assert.Equal(4, report.PacketsRead);
    }

    [Fact]
    public void Land_is_set_when_both_ends_are_the_same_address_and_port()
    {
        var capture = new CaptureBuilder().Tcp(0, Server, 139, Server, 139, "S");
        var r = Assert.Single(Extract(capture).Records).Record;
        Assert.Equal(1, r["land"]);
        Assert.Equal(("netbios_ssn", "S0"), (r.Service, r.Flag));
    }
}
