using System.CommandLine;
using Nad.Cli.Output;
using Nad.Traffic.Connections;
using Nad.Traffic.Extraction;
using Nad.Traffic.Windows;
using Nad.Traffic.Zeek;
using Spectre.Console;

namespace Nad.Cli.Commands;

/// <summary>The traffic inputs (<c>--pcap</c> or <c>--zeek</c>) and their settings, shared by extract and predict.</summary>
internal sealed class TrafficOptions
{
    public Option<FileInfo> Pcap { get; } = new Option<FileInfo>("--pcap")
    {
        Description = "Packet capture (pcap or pcapng; Ethernet, VLAN, raw IP, Linux cooked) to turn into connection records.",
    }.MustExist();

    public Option<FileInfo> Zeek { get; } = new Option<FileInfo>("--zeek")
    {
        Description = "Zeek conn.log (TSV with its # header lines) to turn into connection records.",
    }.MustExist();

    public Option<int> HostWindow { get; } = new("--host-window")
    {
        Description = "Connections in the host window of features 32-41 (NSL-KDD's counts reach 255, so 256 by default).",
        DefaultValueFactory = _ => new WindowSettings().HostWindowConnections,
    };

    public IEnumerable<Option> All => [Pcap, Zeek, HostWindow];

    public bool IsGiven(ParseResult parse) => parse.GetValue(Pcap) is not null || parse.GetValue(Zeek) is not null;

    /// <summary>The records of whichever input was given (exactly one must be), streamed.</summary>
    public (IEnumerable<ExtractedConnection> Records, ExtractionReport Report) Open(ParseResult parse)
    {
        var pcap = parse.GetValue(Pcap);
        var zeek = parse.GetValue(Zeek);
        if ((pcap is null) == (zeek is null))
            throw new ArgumentException("Give exactly one traffic input: --pcap <file> or --zeek <conn.log>.");
        var hostWindow = parse.GetValue(HostWindow);
        if (hostWindow < 1) throw new ArgumentException($"--host-window must be at least 1 (got {hostWindow}).");
        var settings = new ExtractionSettings { Windows = new WindowSettings { HostWindowConnections = hostWindow } };
        var path = (pcap ?? zeek)!.FullName;
        var report = new ExtractionReport { Source = path };
        var records = pcap is not null
            ? PcapExtractor.Extract(path, report, settings)
            : ZeekConnLogReader.Extract(path, report, settings.Windows);
        return (records, report);
    }

    /// <summary>Prints what was read and skipped on stderr.</summary>
    public static void Describe(Terminal terminal, ExtractionReport report, TimeSpan elapsed)
    {
        var what = report.PacketsRead > 0
            ? $"{report.PacketsRead:N0} packets ({report.PacketsUsed:N0} used)"
            : $"{report.LinesRead:N0} rows";
        terminal.Info($"[grey]read {what} from {Markup.Escape(report.Source)} in {elapsed.TotalSeconds:0.00} s: {report.Records:N0} connection records[/]");
        foreach (var line in report.SkipLines())
            terminal.Info($"[grey]{Markup.Escape(line)}[/]");
        if (report.LateRecords > 0)
            terminal.Info($"[grey]{report.LateRecords:N0} long connections entered the windows late (at the current window)[/]");
        foreach (var warning in report.Warnings)
            terminal.Info($"[yellow]warning:[/] {Markup.Escape(warning)}");
    }
}
