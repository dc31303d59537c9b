using System.CommandLine;
using System.Diagnostics;
using Nad.Cli.Output;
using Nad.Traffic.Extraction;
using Spectre.Console;

namespace Nad.Cli.Commands;

/// <summary><c>nad extract</c>: a capture or a Zeek conn.log → NSL-KDD connection records as CSV.</summary>
internal static class ExtractCommand
{
    public static Command Create(Terminal terminal)
    {
        var traffic = new TrafficOptions();
        var output = new Option<FileInfo>("--out", "-o")
        {
            Description = "CSV to write: header, the 41 NSL-KDD features, then start_time, src_addr, src_port, dst_addr, dst_port, not_observed, estimated.",
            Required = true,
        };
        var command = new Command("extract", "Turn a packet capture or a Zeek conn.log into connection records with the 41 NSL-KDD features.");
        foreach (var option in traffic.All) command.Options.Add(option);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var started = Stopwatch.StartNew();
            OutputFile.Check(parse.GetValue(output)!.ToString(), "--out"); // before reading the capture
            var (records, report) = traffic.Open(parse);
            var outPath = parse.GetValue(output)!.FullName;
            var rows = ExtractedCsvWriter.Write(outPath, records);
            TrafficOptions.Describe(terminal, report, started.Elapsed);
            terminal.Info($"[green]wrote[/] {rows:N0} records to {Markup.Escape(outPath)}");
            return 0;
        });
        return command;
    }
}
