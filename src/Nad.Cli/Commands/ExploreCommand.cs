using System.CommandLine;
using Nad.Cli.Output;
using Nad.Core.Detectors;
using Nad.Core.Exploration;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Reports;
using Spectre.Console;

namespace Nad.Cli.Commands;

/// <summary>
/// <c>nad explore</c>: statistics, charts and hypothesis tests of a data file (and how a
/// second file differs from it) as a self-contained HTML report plus a JSON of every number.
/// </summary>
internal static class ExploreCommand
{
    public static Command Create(Terminal terminal)
    {
        var data = CommonOptions.Data("File to explore (labelled for class balance and tests), e.g. the training file: NSL-KDD, or any schema's CSV with --schema.");
        var schema = CommonOptions.Schema($"The layout of --data and --compare: a built-in schema ({string.Join(", ", BuiltInSchemas.Names)}) or a schema JSON file. Default: nsl-kdd.");
        var compare = new Option<FileInfo?>("--compare", "-c")
        {
            Description = "A second file (e.g. KDDTest+) to compare with --data: shift per feature (PSI, KS) and attack names found in only one.",
        }.MustExist();
        var output = new Option<DirectoryInfo>("--out", "-o")
        {
            Description = $"Folder to write {ExplorationReportWriter.HtmlFile} and {ExplorationReportWriter.JsonFile} into (created if missing).",
            Required = true,
        };
        var skip = CommonOptions.SkipBadRows();
        var command = new Command("explore", "Explore a data file: overview, class balance, feature distributions, correlations, hypothesis tests and --compare; writes an offline HTML report and a JSON of every number.")
        {
            data, schema, compare, output, skip,
        };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(output)!.FullName;
            var layout = CommonOptions.ResolveSchema(parse.GetValue(schema), BuiltInSchemas.NslKdd);
            var dataset = CommonOptions.Read(terminal, CommonOptions.DataPaths(parse, data), parse.GetValue(skip), requireLabels: false, layout);
            var other = parse.GetValue(compare) is { } file
                ? CommonOptions.Read(terminal, file.FullName, parse.GetValue(skip), requireLabels: false, layout)
                : null;
            var (html, json, report) = terminal.WithProgress("exploring", progress =>
            {
                var report = DatasetExplorer.Explore(dataset, other, new ProgressSlice(progress, 0, 0.7));
                var (html, json) = ExplorationReportWriter.Write(report, folder,
                    new DoubleProgress(f => progress.Report(new TrainingProgress("writing the report", 0.7 + 0.3 * f))));
                return (html, json, report);
            });
            var significant = report.Tests.Count(t => t.Significant);
            terminal.Out.MarkupLineInterpolated($"wrote [bold]{html}[/] and [bold]{json}[/]");
            foreach (var finding in report.Overview.Findings.Concat(report.Comparison?.Findings ?? []))
                terminal.Out.MarkupLineInterpolated($"  - {finding}");
            if (report.Tests.Count > 0)
                terminal.Out.MarkupLineInterpolated($"  - {report.Tests.Count} hypothesis tests, {significant} significant after Benjamini-Hochberg at {ExplorationReport.Alpha}.");
            return 0;
        });
        return command;
    }

    // Synchronous: System.Progress<T> would post to the thread pool and arrive late.
    private sealed class DoubleProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
