using Nad.Traffic.Connections;
using Nad.Traffic.Extraction;
using Nad.Traffic.Services;

namespace Nad.Traffic.Tests;

/// <summary>The acceptance checks of section 6 of the traffic-features spec, on the real samples.</summary>
public sealed class SampleAcceptanceTests
{
    private static readonly string[] Flags = ["SF", "S0", "REJ", "RSTR", "RSTO", "S1", "SH", "S3", "S2", "RSTOS0", "OTH"];

    private static (List<ExtractedConnection> Records, ExtractionReport Report) Pcap(string name)
    {
        var report = new ExtractionReport();
        return (PcapExtractor.Extract(SharedSamples.Path(name), report).ToList(), report);
    }

    private static (List<ExtractedConnection> Records, ExtractionReport Report) Zeek(string name)
    {
        var report = new ExtractionReport();
        return (Nad.Traffic.Zeek.ZeekConnLogReader.Extract(SharedSamples.Path(name), report).ToList(), report);
    }

    [SkippableFact]
    public void Nmap_syn_scan_is_a_thousand_rejected_connections_to_one_host()
    {
        var records = Pcap("nmap-syn-scan.pcap").Records;
        Assert.Equal(1000, records.Count);
        Assert.Single(records.Select(x => x.Endpoints.DestinationAddress.ToString()).Distinct());
        Assert.True(records.Count(x => x.Record.Flag == "REJ") >= 990);
        Assert.True(records.Average(x => x.Record["rerrorrate"]) > 0.95);
        Assert.True(records.Average(x => x.Record["dsthostrerrorrate"]) > 0.95);
        // Most of nmap's top-1000 ports are unlisted high ports (service "other"), so the mix is moderate.
        Assert.True(records.Average(x => x.Record["diffsrvrate"]) > 0.2);
        Assert.True(records.Select(x => x.Record.Service).Distinct().Count() >= 20);
        Assert.Equal(511, records.Max(x => x.Record["count"]));
    }

    [SkippableFact]
    public void Syn_flood_is_257_connections_to_one_port_within_a_blink_with_syn_errors()
    {
        var records = Pcap("tcp-synflood.pcap").Records;
        Assert.Equal(257, records.Count);
        Assert.All(records, x => Assert.Equal(("10.0.2.10", 8080, "http"), (x.Endpoints.DestinationAddress.ToString(), x.Endpoints.DestinationPort, x.Record.Service)));
        Assert.True((records[^1].Endpoints.StartTime - records[0].Endpoints.StartTime).TotalSeconds < 0.07);
        Assert.Equal(257, records[^1].Record["count"]);
        Assert.True(records.Count(x => x.Record.Flag == "S0") >= 240);
        Assert.True(records[^1].Record["serrorrate"] >= 0.9);
    }

    [SkippableFact]
    public void Ftp_bruteforce_is_thirty_ftp_connections_with_failed_logins()
    {
        var records = Pcap("ftp-bruteforce.pcap").Records;
        Assert.Equal(30, records.Count);
        Assert.All(records, x =>
        {
            Assert.Equal("ftp", x.Record.Service);
            Assert.True(x.Record["numfailedlogins"] > 0);
            Assert.Equal(0, x.Record["loggedin"]);
        });
    }

    [SkippableFact]
    public void Telnet_login_is_one_logged_in_telnet_session()
    {
        var only = Assert.Single(Pcap("telnet-login.pcap").Records);
        Assert.Equal("telnet", only.Record.Service);
        Assert.Equal(1, only.Record["loggedin"]);
        Assert.Equal(0, only.Record["numfailedlogins"]);
    }

    [SkippableFact]
    public void Five_pings_are_echo_requests_and_replies_flagged_SF()
    {
        var records = Pcap("icmp-5-pings.pcap").Records;
        Assert.Equal(5, records.Count(x => x.Record.Service == "eco_i"));
        Assert.Equal(5, records.Count(x => x.Record.Service == "ecr_i"));
        Assert.All(records, x => Assert.Equal(("icmp", "SF"), (x.Record.ProtocolType, x.Record.Flag)));
    }

    [SkippableFact]
    public void Wikipedia_capture_and_its_zeek_log_agree_on_the_basic_features_row_by_row()
    {
        var fromPcap = Pcap("zeek-wikipedia.pcap").Records;
        var fromLog = Zeek("zeek-wikipedia.conn.log").Records;
        static (string, int, string, int, string) Key(ExtractedConnection x) =>
            (x.Endpoints.SourceAddress.ToString(), x.Endpoints.SourcePort, x.Endpoints.DestinationAddress.ToString(), x.Endpoints.DestinationPort, x.Record.ProtocolType);
        static string Basic(ExtractedConnection x) =>
            string.Join(',', x.Record.ProtocolType, x.Record.Service, x.Record.Flag, x.Record["srcbytes"], x.Record["dstbytes"], x.Record["land"]);
        var log = fromLog.ToDictionary(Key);
        Assert.Equal(34, fromPcap.Count); // 31 IPv4 connections and the 3 IPv6 ones (mDNS, LLMNR twice) the log has too
        Assert.Equal(3, fromPcap.Count(x => !x.Endpoints.SourceAddress.IsIpv4));
        Assert.Equal(log.Keys.OrderBy(k => k), fromPcap.Select(Key).OrderBy(k => k));
        Assert.All(fromPcap, x => Assert.Equal(Basic(log[Key(x)]), Basic(x)));
    }

    [SkippableFact]
    public void Zeek_sample_log_parses_with_unset_values_rows_out_of_order_and_the_error_flags()
    {
        var (records, report) = Zeek("zeek-sample.conn.log");
        Assert.Equal(233, report.LinesRead);
        // 17 IPv6 rows: 16 mDNS (records now) and one MLDv2 report (ICMPv6 143, link control: skipped).
        Assert.Equal(1, report.RowsSkipped[Nad.Traffic.Zeek.ZeekConnLogReader.LinkControlSkip]);
        Assert.Equal(1, report.RowsSkipped.Values.Sum());
        Assert.Equal(232, records.Count);
        Assert.Equal(16, records.Count(x => !x.Endpoints.SourceAddress.IsIpv4));
        foreach (var flag in new[] { "REJ", "RSTO", "S2", "S3" })
            Assert.Contains(records, x => x.Record.Flag == flag);
        Assert.Equal(records.Select(x => x.Endpoints.StartTime).Order(), records.Select(x => x.Endpoints.StartTime)); // sorted by ts
        Assert.Equal(0, report.LateRecords);
        Assert.All(records, x => Assert.Contains("urgent", x.NotObserved));
    }

    public static TheoryData<string> AllSamples => new()
    {
        "zeek-wikipedia.pcap", "ftp-bruteforce.pcap", "telnet-login.pcap", "icmp-5-pings.pcap", "nmap-syn-scan.pcap",
        "tcp-synflood.pcap", "web-browsing.pcap", "zeek-sample.conn.log", "zeek-wikipedia.conn.log",
    };

    /// <summary>The 70 service names found in NSL-KDD (train and test): what ServiceMap may answer.</summary>
    private static readonly IReadOnlySet<string> NslKddServices = new HashSet<string>(StringComparer.Ordinal)
    {
        "IRC", "X11", "Z39_50", "aol", "auth", "bgp", "courier", "csnet_ns", "ctf", "daytime", "discard", "domain",
        "domain_u", "echo", "eco_i", "ecr_i", "efs", "exec", "finger", "ftp", "ftp_data", "gopher", "harvest",
        "hostnames", "http", "http_2784", "http_443", "http_8001", "imap4", "iso_tsap", "klogin", "kshell", "ldap",
        "link", "login", "mtp", "name", "netbios_dgm", "netbios_ns", "netbios_ssn", "netstat", "nnsp", "nntp",
        "ntp_u", "other", "pm_dump", "pop_2", "pop_3", "printer", "private", "red_i", "remote_job", "rje", "shell",
        "smtp", "sql_net", "ssh", "sunrpc", "supdup", "systat", "telnet", "tftp_u", "tim_i", "time", "urh_i", "urp_i",
        "uucp", "uucp_path", "vmnet", "whois",
    };

    [SkippableTheory]
    [MemberData(nameof(AllSamples))]
    public void Every_value_is_inside_the_NSL_KDD_vocabulary_and_ranges(string sample)
    {
        var records = sample.EndsWith(".pcap", StringComparison.Ordinal) ? Pcap(sample).Records : Zeek(sample).Records;
        Assert.NotEmpty(records);
        foreach (var x in records)
        {
            var r = x.Record;
            Assert.Contains(r.ProtocolType, new[] { "tcp", "udp", "icmp" });
            Assert.Contains(r.Service, NslKddServices);
            Assert.Contains(r.Flag, Flags);
            if (r.ProtocolType != "tcp") Assert.Equal("SF", r.Flag);
            foreach (var column in Nad.Core.Records.NslKddSchema.NumericColumns)
            {
                var value = r[column];
                Assert.Null(column.Validate(value));
                if (column.Kind == Nad.Core.Records.FeatureKind.Rate) Assert.Equal(Math.Round(value, 2), value);
            }
            Assert.InRange(r["count"], 1, 511);
            Assert.InRange(r["srvcount"], 1, 511);
            Assert.InRange(r["dsthostcount"], 1, 255);
            Assert.InRange(r["dsthostsrvcount"], 1, 255);
            Assert.Equal(0, r["numoutboundcmds"]);
        }
    }
}
