using Nad.Traffic.Connections;
using Nad.Traffic.Extraction;
using Nad.Traffic.Packets;
using PacketDotNet;
using PacketDotNet.Utils;

namespace Nad.Traffic.Tests;

/// <summary>wrong_fragment (basic feature 8) on fragmented datagrams built here: teardrop overlaps, a ping of death, a clean split.</summary>
public sealed class FragmentTests : IDisposable
{
    private const string Attacker = "10.9.9.9";
    private const string Victim = "10.0.0.5";
    private readonly TempFiles temp = new();

    public void Dispose() => temp.Dispose();

    private (List<ExtractedConnection> Records, ExtractionReport Report) Extract(CaptureBuilder capture) => capture.Extract(temp.Folder);

    /// <summary>A UDP header and <paramref name="data"/> bytes, as the first fragment of a datagram carries them.</summary>
    private static byte[] UdpStart(int sourcePort, int destinationPort, int data) =>
        new UdpPacket((ushort)sourcePort, (ushort)destinationPort) { PayloadData = new byte[data] }.Bytes;

    [Fact]
    public void Teardrop_overlapping_fragments_count_one_wrong_fragment_per_datagram_with_the_first_fragments_bytes()
    {
        var capture = new CaptureBuilder();
        for (ushort d = 0; d < 3; d++)
        {
            // Teardrop: the first fragment holds bytes 0-35, the second claims to start at 24, inside the first.
            capture.Fragment(d * 0.1, Attacker, Victim, ProtocolType.Udp, (ushort)(100 + d), 0, true, UdpStart(1234, 7777, 28));
            capture.Fragment(d * 0.1 + 0.001, Attacker, Victim, ProtocolType.Udp, (ushort)(100 + d), 24, false, new byte[4]);
        }
        // A clean split on another flow: bytes 0-1479, then 1480-1999.
        capture.Fragment(0.5, Attacker, Victim, ProtocolType.Udp, 200, 0, true, UdpStart(5000, 53, 1472));
        capture.Fragment(0.501, Attacker, Victim, ProtocolType.Udp, 200, 1480, false, new byte[520]);

        var (records, report) = Extract(capture);
        Assert.Equal(8, report.PacketsUsed);
        var teardrop = Assert.Single(records, x => x.Endpoints.DestinationPort == 7777);
        Assert.Equal(("udp", "other", "SF"), (teardrop.Record.ProtocolType, teardrop.Record.Service, teardrop.Record.Flag));
        Assert.Equal(3, teardrop.Record["wrongfragment"]);
        Assert.Equal(3 * 28, teardrop.Record["srcbytes"]); // first fragments only, as in NSL-KDD's teardrop rows (28 each)
        Assert.DoesNotContain("wrongfragment", teardrop.NotObserved);
        var clean = Assert.Single(records, x => x.Endpoints.DestinationPort == 53);
        Assert.Equal(0, clean.Record["wrongfragment"]);
    }

    [Fact]
    public void A_ping_of_death_past_the_ipv4_size_limit_is_one_wrong_fragment_on_its_echo_request()
    {
        var icmp = new IcmpV4Packet(new ByteArraySegment(new byte[8])) { TypeCode = IcmpV4TypeCode.EchoRequest, Id = 1, Sequence = 1 };
        icmp.PayloadData = new byte[1472];
        var capture = new CaptureBuilder()
            .Fragment(0, Attacker, Victim, ProtocolType.Icmp, 77, 0, true, icmp.Bytes)
            .Fragment(0.001, Attacker, Victim, ProtocolType.Icmp, 77, 1480, true, new byte[1480])
            .Fragment(0.002, Attacker, Victim, ProtocolType.Icmp, 77, 65000, false, new byte[1000]); // ends at 66,000 > 65,515
        var (records, report) = Extract(capture);
        Assert.Equal(3, report.PacketsUsed);
        var ping = Assert.Single(records);
        Assert.Equal(("icmp", "eco_i"), (ping.Record.ProtocolType, ping.Record.Service));
        Assert.Equal(1, ping.Record["wrongfragment"]);
        Assert.Equal(1480, ping.Record["srcbytes"]); // NSL-KDD's pod rows: src_bytes 1480, wrong_fragment 1
    }

    [Fact]
    public void More_than_three_wrong_fragments_show_as_three_the_largest_value_in_nsl_kdd()
    {
        var capture = new CaptureBuilder().Fragment(0, Attacker, Victim, ProtocolType.Udp, 9, 0, true, UdpStart(1234, 7777, 28));
        for (var i = 0; i < 5; i++) capture.Fragment(0.001 * (i + 1), Attacker, Victim, ProtocolType.Udp, 9, 8, true, new byte[8]);
        var only = Assert.Single(Extract(capture).Records);
        Assert.Equal(3, only.Record["wrongfragment"]);
    }

    [Fact]
    public void A_later_fragment_whose_first_never_came_is_a_counted_skip()
    {
        var capture = new CaptureBuilder().Fragment(0, Attacker, Victim, ProtocolType.Udp, 5, 1480, false, new byte[100]);
        var (records, report) = Extract(capture);
        Assert.Empty(records);
        Assert.Equal(1, report.PacketsSkipped[PacketSkipReason.Fragment]);
    }
}
