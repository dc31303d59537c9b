using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Nad.Cli.Output;
using Nad.Core.Detectors;
using Nad.Core.ModelFiles;
using Nad.Core.Training;
using Nad.Traffic.Extraction;
using Spectre.Console;

namespace Nad.Cli.Commands;

/// <summary>
/// <c>nad predict --pcap/--zeek</c>: extract records from traffic and score them in batches
/// (memory stays bounded on long captures), then show the alerts a user can act on.
/// </summary>
internal static class TrafficPrediction
{
    private const int BatchSize = 4096;
    private const int MaxTableRows = 200;

    public static int Run(Terminal terminal, Detector detector, TrafficOptions traffic, ParseResult parse, string? outPath, bool json, bool all)
    {
        var started = Stopwatch.StartNew();
        var (records, report) = traffic.Open(parse);
        var shown = new List<ConnectionVerdict>();
        long total = 0, attacks = 0, unknown = 0, notShown = 0;
        var csvOnStdout = OutputFile.IsStandardOutput(outPath);
        if (outPath is null) ScoreAll(null);
        else if (csvOnStdout) ScoreAll(terminal.StdOut);
        else OutputFile.Write(outPath, "--out", writer => { ScoreAll(writer); return 0; });

        void ScoreAll(TextWriter? writer)
        {
            writer?.WriteLine(ExtractedCsvWriter.Header + ",predicted,score");
            foreach (var batch in records.Chunk(BatchSize))
            {
                var scores = detector.Score(batch.Select(b => b.Record).ToArray());
                unknown += detector.Encoder.CountUnknown(batch.Select(b => b.Record).ToArray());
                for (var i = 0; i < batch.Length; i++)
                {
                    total++;
                    var isAttack = detector.IsAttack(scores[i]);
                    if (isAttack) attacks++;
                    writer?.WriteLine(ExtractedCsvWriter.Row(batch[i]) + string.Create(CultureInfo.InvariantCulture, $",{(isAttack ? "attack" : "normal")},{scores[i]:0.######}"));
                    if (csvOnStdout || !isAttack && !all) continue;
                    if (!json && shown.Count >= MaxTableRows) { notShown++; continue; }
                    shown.Add(new ConnectionVerdict(batch[i], isAttack, scores[i]));
                }
            }
            writer?.Flush();
        }
        TrafficOptions.Describe(terminal, report, started.Elapsed);

        if (json)
        {
            var document = new { model = detector.Name, threshold = detector.Threshold, source = report.Source, records = total, attacks, connections = shown };
            terminal.StdOut.WriteLine(JsonSerializer.Serialize(document, ModelFile.Json));
        }
        else if (!csvOnStdout)
        {
            terminal.Out.Write(Table(shown, all));
            if (notShown > 0)
                terminal.Out.MarkupLine($"[grey]... {notShown:N0} more not shown (use --out or --json for all)[/]");
        }
        terminal.Info($"{total:N0} connections scored by {Markup.Escape(detector.Name)} (threshold {detector.Threshold:0.####}): [red]{attacks:N0} attack[/], {total - attacks:N0} normal");
        if (outPath is not null) terminal.Info($"[green]wrote[/] {total:N0} rows to {Markup.Escape(csvOnStdout ? "stdout" : outPath)}");
        if (unknown > 0)
            terminal.Info($"[yellow]{unknown:N0} records had a categorical value never seen in training (encoded as unknown).[/]");
        terminal.Info("[grey]Features a record could not observe are left at the NSL-KDD default; the not_observed column of --out lists them.[/]");
        return 0;
    }

    private static Table Table(IReadOnlyList<ConnectionVerdict> rows, bool all)
    {
        var table = new Table().Title(all ? "Connections" : "Alerts").AddColumns("time (UTC)", "source", "destination", "proto", "service", "flag", "verdict", "score");
        foreach (var a in rows)
        {
            table.AddRow(
                a.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
                Markup.Escape($"{a.Source}:{a.SourcePort}"),
                Markup.Escape($"{a.Destination}:{a.DestinationPort}"),
                a.Protocol, Markup.Escape(a.Service), a.Flag,
                a.Verdict == "attack" ? "[red]attack[/]" : "normal",
                a.Score.ToString("0.000", CultureInfo.InvariantCulture));
        }
        if (rows.Count == 0) table.AddRow("[grey](none)[/]", "", "", "", "", "", "", "");
        return table;
    }
}
