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
        // A family model also names the decided family of each connection (CSV column, JSON field, table column).
        var familyModel = detector.FamilyClassifier is not null;
        if (outPath is null) ScoreAll(null);
        else if (csvOnStdout) ScoreAll(terminal.StdOut);
        else OutputFile.Write(outPath, "--out", writer => { ScoreAll(writer); return 0; });

        void ScoreAll(TextWriter? writer)
        {
            writer?.WriteLine(ExtractedCsvWriter.Header + ",predicted,score" + (familyModel ? ",family" : ""));
            foreach (var batch in records.Chunk(BatchSize))
            {
                var batchRecords = batch.Select(b => b.Record).ToArray();
                var scores = detector.Score(batchRecords);
                unknown += detector.Encoder.CountUnknown(batchRecords);
                var families = detector.FamilyClassifier?.FamilyProbabilities(batchRecords);
                var classes = detector.FamilyClassifier?.Classes;
                for (var i = 0; i < batch.Length; i++)
                {
                    total++;
                    var isAttack = detector.IsAttack(scores[i]);
                    if (isAttack) attacks++;
                    var family = families is null ? null : classes!.Decided(families[i], isAttack);
                    writer?.WriteLine(ExtractedCsvWriter.Row(batch[i]) + string.Create(CultureInfo.InvariantCulture, $",{(isAttack ? "attack" : "normal")},{scores[i]:0.######}")
                        + (family is null ? "" : "," + family));
                    if (csvOnStdout || !isAttack && !all) continue;
                    if (!json && shown.Count >= MaxTableRows) { notShown++; continue; }
                    shown.Add(new ConnectionVerdict(batch[i], isAttack, scores[i], family: family));
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
            terminal.Out.Write(Table(shown, all, familyModel));
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

    private static Table Table(IReadOnlyList<ConnectionVerdict> rows, bool all, bool familyModel)
    {
        string[] columns = ["time (UTC)", "source", "destination", "proto", "service", "flag", "verdict", "score"];
        var table = new Table().Title(all ? "Connections" : "Alerts").AddColumns(familyModel ? [.. columns, "family"] : columns);
        foreach (var a in rows)
        {
            string[] cells = [
                a.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
                Markup.Escape($"{a.Source}:{a.SourcePort}"),
                Markup.Escape($"{a.Destination}:{a.DestinationPort}"),
                a.Protocol, Markup.Escape(a.Service), a.Flag,
                a.Verdict == "attack" ? "[red]attack[/]" : "normal",
                a.Score.ToString("0.000", CultureInfo.InvariantCulture)];
            table.AddRow(familyModel ? [.. cells, a.Family ?? ""] : cells);
        }
        if (rows.Count == 0) table.AddRow(["[grey](none)[/]", .. Enumerable.Repeat("", table.Columns.Count - 1)]);
        return table;
    }
}
