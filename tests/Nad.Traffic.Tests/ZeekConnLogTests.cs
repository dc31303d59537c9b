using Nad.Core.Reading;
using Nad.Traffic.Connections;
using Nad.Traffic.Extraction;
using Nad.Traffic.Zeek;

namespace Nad.Traffic.Tests;

/// <summary>conn.log parsing on small logs written by the test: header handling, unset values, bad rows, ICMP.</summary>
public sealed class ZeekConnLogTests : IDisposable
{
    private const string Fields =
        "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents";
    private readonly TempFiles temp = new();

    public void Dispose() => temp.Dispose();

    private string Log(params string[] rows)
    {
        var path = temp.Path($"conn{Guid.NewGuid():N}.log");
        File.WriteAllLines(path, ["#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", "#path\tconn", Fields, .. rows, "#close\t2024-01-01-00-00-00"]);
        return path;
    }

    private static string Row(string ts, string orig, int origPort, string resp, int respPort, string proto, string duration, string origBytes, string respBytes, string state, string history, int origPkts = 1, int origIp = 60, int respPkts = 0, int respIp = 0) =>
        string.Join('\t', ts, "C1", orig, origPort, resp, respPort, proto, "-", duration, origBytes, respBytes, state, "-", "-", 0, history, origPkts, origIp, respPkts, respIp, "(empty)");

    private static List<ExtractedConnection> Read(string path, ExtractionReport? report = null) =>
        ZeekConnLogReader.Extract(path, report ?? new ExtractionReport()).ToList();

    [Fact]
    public void Rows_are_sorted_by_ts_states_mapped_and_windows_built()
    {
        var path = Log(
            Row("100.500000", "10.0.0.1", 40001, "10.0.0.2", 80, "tcp", "1.900000", "120", "3000", "SF", "ShADadFf", 6, 400, 5, 3300),
            Row("100.000000", "10.0.0.1", 40000, "10.0.0.2", 22, "tcp", "-", "-", "-", "REJ", "Sr"),
            Row("101.000000", "10.0.0.1", 40002, "10.0.0.2", 8080, "tcp", "-", "-", "-", "RSTRH", "^hr"),
            Row("101.200000", "10.0.0.3", 5353, "10.0.0.9", 53, "udp", "-", "-", "-", "S0", "D", 1, 73));
        var records = Read(path);
        Assert.Equal([40000, 40001, 40002, 5353], records.Select(x => x.Endpoints.SourcePort));
        Assert.Equal(("ssh", "REJ"), (records[0].Record.Service, records[0].Record.Flag));
        Assert.Equal(("http", "SF"), (records[1].Record.Service, records[1].Record.Flag));
        Assert.Equal(1, records[1].Record["duration"]);
        Assert.Equal(120, records[1].Record["srcbytes"]);
        Assert.Equal(3000, records[1].Record["dstbytes"]);
        Assert.Equal(1, records[1].Record["loggedin"]);
        Assert.Equal(2, records[1].Record["count"]);
        Assert.Equal(0.5, records[1].Record["rerrorrate"]);
        Assert.Equal("OTH", records[2].Record.Flag); // RSTRH never occurs in NSL-KDD
        Assert.Equal(0, records[2].Record["srcbytes"]);
        Assert.Equal(("udp", "domain_u", "SF"), (records[3].Record.ProtocolType, records[3].Record.Service, records[3].Record.Flag));
        Assert.Equal(45, records[3].Record["srcbytes"]); // unset: 73 IP bytes - 28 header bytes, marked estimated
        Assert.Contains("srcbytes", records[3].Estimated);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(100_500), records[1].Endpoints.StartTime);
    }

    [Fact]
    public void Bad_rows_are_counted_and_named_and_the_rest_is_read()
    {
        var path = Log(
            Row("1.0", "10.0.0.1", 1, "10.0.0.2", 80, "tcp", "-", "-", "-", "S0", "S"),
            "1.5\tC2\t10.0.0.1\t2",
            Row("2.0", "10.0.0.1", 3, "10.0.0.2", 80, "tcp", "abc", "-", "-", "S0", "S"),
            Row("2.0", "10.0.0.1", 4, "10.0.0.2", 80, "sctp", "-", "-", "-", "S0", "S"),
            Row("3.0", "10.0.0.1", 5, "10.0.0.2", 80, "tcp", "-", "-", "-", "S0", "S"));
        var report = new ExtractionReport();
        var records = Read(path, report);
        Assert.Equal([1, 5], records.Select(x => x.Endpoints.SourcePort));
        Assert.Equal(3, report.RowsSkipped.Values.Sum());
        Assert.Contains(report.Warnings, w => w.Contains("line 8") && w.Contains("has 4 fields"));
        Assert.Contains(report.Warnings, w => w.Contains("line 9") && w.Contains("'abc'"));
    }

    [Fact]
    public void Extra_columns_are_found_by_name()
    {
        var path = temp.Path("extra.log");
        File.WriteAllLines(path, [
            "#separator \\x09", "#unset_field\t-",
            "#fields\tproto\tts\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tconn_state\tnew_field",
            "tcp\t5.0\t10.0.0.1\t999\t10.0.0.2\t21\tS0\tx",
        ]);
        var only = Assert.Single(Read(path));
        Assert.Equal(("ftp", "S0"), (only.Record.Service, only.Record.Flag));
    }

    [Fact]
    public void An_echo_row_becomes_one_record_per_message()
    {
        var path = Log(Row("10.0", "10.0.0.1", 8, "10.0.0.2", 0, "icmp", "4.000000", "320", "320", "OTH", "-", 5, 420, 5, 420));
        var records = Read(path);
        Assert.Equal(5, records.Count(x => x.Record.Service == "eco_i"));
        Assert.Equal(5, records.Count(x => x.Record.Service == "ecr_i"));
        Assert.All(records, x => Assert.Equal((64, 0, "SF"), ((int)x.Record["srcbytes"], (int)x.Record["dstbytes"], x.Record.Flag)));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(14), records.Where(x => x.Record.Service == "eco_i").Max(x => x.Endpoints.StartTime));
    }

    [Fact]
    public void Half_open_history_maps_to_S0_as_in_the_capture_path()
    {
        Assert.Equal("S0", ZeekConnLogReader.MapConnState("OTH", "Sh"));
        Assert.Equal("OTH", ZeekConnLogReader.MapConnState("OTH", "^hA"));
        Assert.Equal("OTH", ZeekConnLogReader.MapConnState("SHR", "^hf"));
        Assert.Equal("RSTOS0", ZeekConnLogReader.MapConnState("RSTOS0", "SR"));
    }

    [Fact]
    public void Files_that_are_not_conn_logs_get_a_clear_message()
    {
        var json = temp.Path("conn.json.log");
        File.WriteAllText(json, "{\"ts\":1.0,\"uid\":\"C1\"}\n");
        Assert.Contains("JSON", Assert.Throws<DataFormatException>(() => Read(json)).Message);
        var dns = temp.Path("dns.log");
        File.WriteAllLines(dns, ["#separator \\x09", "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tquery", "1.0\tC\ta\t1\tb\t53\tx"]);
        Assert.Contains("lacks the conn.log fields proto, conn_state", Assert.Throws<DataFormatException>(() => Read(dns)).Message);
        var csv = temp.Path("records.csv");
        File.WriteAllText(csv, "duration,protocoltype\n0,tcp\n");
        Assert.Contains("no #fields header", Assert.Throws<DataFormatException>(() => Read(csv)).Message);
    }

    [Fact]
    public void Ipv6_rows_become_records_with_ipv6_header_sizes_and_link_control_is_a_counted_skip()
    {
        var path = Log(
            Row("1.0", "2001:db8::1", 40000, "2001:db8::2", 80, "tcp", "0.500000", "120", "300", "SF", "ShADadFf", 6, 400, 5, 900),
            Row("2.0", "fe80::1874:6508:72bc:e79a", 5353, "ff02::fb", 5353, "udp", "-", "-", "-", "S0", "D", 1, 199),
            Row("3.0", "2001:db8::1", 128, "2001:db8::2", 129, "icmp", "2.000000", "192", "192", "OTH", "-", 3, 312, 3, 312),
            Row("4.0", "fe80::81c3:bc39:26e1:6477", 143, "ff02::16", 0, "icmp", "0.480036", "120", "0", "OTH", "-", 6, 456),
            Row("9.0", "2001:db8::1", 40001, "2001:db8::1", 40001, "tcp", "-", "-", "-", "S0", "S"),
            Row("6.0", "2001:db8::zz", 1, "2001:db8::2", 80, "tcp", "-", "-", "-", "S0", "S"));
        var report = new ExtractionReport();
        var records = Read(path, report);
        Assert.Equal(9, records.Count);
        Assert.Equal(("http", "other", "other"), (records[0].Record.Service, records[1].Record.Service, records[^1].Record.Service));
        var icmp = records.Skip(2).Take(6).ToList();
        Assert.Equal(3, icmp.Count(x => x.Record.Service == "eco_i" && x.Endpoints.SourceAddress.ToString() == "2001:db8::1"));
        Assert.Equal(3, icmp.Count(x => x.Record.Service == "ecr_i" && x.Endpoints.SourceAddress.ToString() == "2001:db8::2")); // the replies come from the responder
        Assert.Equal(("2001:db8::1", "2001:db8::2", 120.0, 300.0), (records[0].Endpoints.SourceAddress.ToString(), records[0].Endpoints.DestinationAddress.ToString(), records[0].Record["srcbytes"], records[0].Record["dstbytes"]));
        Assert.Equal(151, records[1].Record["srcbytes"]); // unset: 199 IP bytes - 40 (IPv6) - 8 (UDP), marked estimated
        Assert.Contains("srcbytes", records[1].Estimated);
        Assert.All(icmp, x => Assert.Equal(64, x.Record["srcbytes"])); // 312 / 3 - 40-byte IPv6 header
        Assert.Equal(1, records[^1].Record["land"]);
        Assert.Equal(1, report.RowsSkipped[ZeekConnLogReader.LinkControlSkip]);
        Assert.Equal(1, report.RowsSkipped["id.orig_h or id.resp_h is not an IPv4 or IPv6 address"]);
        Assert.Contains(report.Warnings, w => w.Contains("line 12") && w.Contains("not an IPv4 or IPv6 address"));
    }
}
