using Nad.Core.Reading;
using Nad.Traffic.Connections;
using Nad.Traffic.Extraction;
using PacketDotNet;

namespace Nad.Traffic.Tests;

/// <summary>Broken or unusual captures: a clear message or a counted skip, never a crash.</summary>
public sealed class BadCaptureTests : IDisposable
{
    private readonly TempFiles temp = new();

    public void Dispose() => temp.Dispose();

    private static List<ExtractedConnection> Run(string path, ExtractionReport report) => PcapExtractor.Extract(path, report).ToList();

    [Fact]
    public void A_text_file_named_pcap_is_refused_with_a_plain_message()
    {
        var path = temp.Path("notes.pcap");
        File.WriteAllText(path, "duration,protocoltype,service\n0,tcp,http\n");
        var error = Assert.Throws<DataFormatException>(() => Run(path, new ExtractionReport()));
        Assert.Contains("notes.pcap", error.Message);
        Assert.Contains("text file, not a packet capture", error.Message);
    }

    [Fact]
    public void Random_bytes_and_an_empty_file_are_refused()
    {
        var binary = temp.Path("random.pcap");
        File.WriteAllBytes(binary, [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07]);
        Assert.Contains("not a packet capture", Assert.Throws<DataFormatException>(() => Run(binary, new ExtractionReport())).Message);
        var empty = temp.Path("empty.pcap");
        File.WriteAllBytes(empty, []);
        Assert.Contains("not a packet capture", Assert.Throws<DataFormatException>(() => Run(empty, new ExtractionReport())).Message);
    }

    [Fact]
    public void A_truncated_capture_keeps_the_packets_before_the_cut_and_warns()
    {
        var capture = new CaptureBuilder();
        for (var i = 0; i < 20; i++) capture.Tcp(i * 0.01, "10.1.1.1", 20000 + i, "10.1.1.2", 80, "S");
        var whole = capture.Write(temp.Path("whole.pcap"));
        var bytes = File.ReadAllBytes(whole);
        var cut = temp.Path("cut.pcap");
        File.WriteAllBytes(cut, bytes[..(bytes.Length - 30)]); // the last packet loses its tail

        var report = new ExtractionReport { Source = cut };
        var records = Run(cut, report);
        Assert.Equal(19, records.Count);
        Assert.Equal(19, report.PacketsRead);
        var warning = Assert.Single(report.Warnings);
        Assert.Contains("ends early after 19 packets", warning);
    }

    [Fact]
    public void A_link_type_other_than_the_supported_ones_is_named_in_the_message()
    {
        var capture = new CaptureBuilder().Raw(0, new byte[40]);
        var path = capture.Write(temp.Path("wifi.pcap"), LinkLayers.Ieee80211);
        var error = Assert.Throws<DataFormatException>(() => Run(path, new ExtractionReport()));
        Assert.Contains("link type", error.Message);
        Assert.Contains("105", error.Message);
    }

    [Fact]
    public void Raw_ip_captures_are_read()
    {
        var frame = CaptureBuilder.Frame("10.1.1.1", "10.1.1.2", new UdpPacket(5000, 53) { PayloadData = new byte[33] });
        var capture = new CaptureBuilder().Raw(0, frame[14..]);
        var path = capture.Write(temp.Path("raw.pcap"), LinkLayers.RawLegacy);
        var only = Assert.Single(Run(path, new ExtractionReport()));
        Assert.Equal(("udp", "domain_u", "SF"), (only.Record.ProtocolType, only.Record.Service, only.Record.Flag));
        Assert.Equal(33, only.Record["srcbytes"]);
    }

    [Fact]
    public void Non_first_fragments_are_counted_skips()
    {
        var frame = CaptureBuilder.Frame("10.1.1.1", "10.1.1.2", new UdpPacket(5000, 53) { PayloadData = new byte[33] });
        frame[14 + 6] = 0x00; frame[14 + 7] = 0x10; // fragment offset 16 (x8 bytes)
        var capture = new CaptureBuilder().Raw(0, frame);
        var path = capture.Write(temp.Path("frag.pcap"));
        var report = new ExtractionReport();
        Assert.Empty(Run(path, report));
        Assert.Equal(1, report.PacketsSkipped[Packets.PacketSkipReason.Fragment]);
    }

    [Fact]
    public void Packets_out_of_time_order_still_make_one_connection_starting_at_the_earliest()
    {
        var capture = new CaptureBuilder()
            .Tcp(0.2, "10.1.1.2", 80, "10.1.1.1", 40000, "SA", sequence: 9, acknowledgment: 1001)
            .Tcp(0.1, "10.1.1.1", 40000, "10.1.1.2", 80, "S", sequence: 1000)
            .Tcp(0.3, "10.1.1.1", 40000, "10.1.1.2", 80, "A", sequence: 1001, acknowledgment: 10);
        var only = Assert.Single(Run(capture.Write(temp.Path("order.pcap")), new ExtractionReport()));
        Assert.Equal("S1", only.Record.Flag);
        Assert.Equal(("10.1.1.1", 40000), (only.Endpoints.SourceAddress.ToString(), only.Endpoints.SourcePort)); // the SYN-ACK first: its receiver opened it
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(CaptureBuilder.StartSeconds).AddMilliseconds(100), only.Endpoints.StartTime);
    }
}
