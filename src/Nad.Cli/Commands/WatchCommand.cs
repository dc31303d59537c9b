using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Nad.Cli.Output;
using Nad.Core.Detectors;
using Nad.Core.ModelFiles;
using Nad.Traffic.Extraction;
using Spectre.Console;

namespace Nad.Cli.Commands;

/// <summary><c>nad watch</c>: live capture on an interface, each finished connection scored, alerts printed as they happen.</summary>
internal static class WatchCommand
{
    private static readonly JsonSerializerOptions OneLine = new(ModelFile.Json) { WriteIndented = false };

    public static Command Create(Terminal terminal)
    {
        var model = CommonOptions.ModelFile("Model file written by `nad train`.");
        var device = new Option<string>("--interface", "-i") { Description = "Interface to capture on (e.g. eth0, lo). Needs root or CAP_NET_RAW.", Required = true };
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds (default: until Ctrl+C)." };
        var all = new Option<bool>("--all") { Description = "Print every connection, not only the alerts." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per line on stdout." };
        var command = new Command("watch", "Capture live traffic, build connection records as connections finish, score them and print alerts.")
        {
            model, device, duration, all, json,
        };
        command.SetAction((parse, cancel) =>
        {
            var detector = ModelFile.Load(parse.GetValue(model)!.FullName);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            if (parse.GetValue(duration) is { } seconds)
            {
                if (seconds <= 0) throw new ArgumentException($"--duration must be positive (got {seconds}).");
                stop.CancelAfter(TimeSpan.FromSeconds(seconds));
            }
            var report = new ExtractionReport { Source = parse.GetValue(device)! };
            var records = LiveCapture.Watch(parse.GetValue(device)!, report, null, stop.Token);
            terminal.Info($"[grey]watching {Markup.Escape(report.Source)} with {Markup.Escape(detector.Name)} (threshold {detector.Threshold:0.####}); Ctrl+C stops[/]");
            long attacks = 0;
            foreach (var x in records)
            {
                var score = detector.Score(x.Record);
                var isAttack = detector.IsAttack(score);
                if (isAttack) attacks++;
                if (!isAttack && !parse.GetValue(all)) continue;
                var verdict = isAttack ? "attack" : "normal";
                if (parse.GetValue(json))
                {
                    terminal.StdOut.WriteLine(JsonSerializer.Serialize(new
                    {
                        time = x.StartTime,
                        source = x.SourceAddress,
                        sourcePort = x.SourcePort,
                        destination = x.DestinationAddress,
                        destinationPort = x.DestinationPort,
                        protocol = x.Record.ProtocolType,
                        service = x.Record.Service,
                        flag = x.Record.Flag,
                        verdict,
                        score,
                    }, OneLine));
                }
                else
                {
                    terminal.StdOut.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{x.StartTime.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}  {x.SourceAddress}:{x.SourcePort} -> {x.DestinationAddress}:{x.DestinationPort}  {x.Record.ProtocolType} {x.Record.Service} {x.Record.Flag}  {verdict} {score:0.000}"));
                }
                terminal.StdOut.Flush();
            }
            terminal.Info($"{report.Records:N0} connections scored: {attacks:N0} attack ({report.PacketsRead:N0} packets)");
            return Task.FromResult(0);
        });
        return command;
    }
}
