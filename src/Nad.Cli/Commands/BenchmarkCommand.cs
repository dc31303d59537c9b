using System.CommandLine;
using System.Text.Json;
using Nad.Cli.Output;
using Nad.Core.Benchmarking;
using Nad.Core.Catalog;
using Nad.Core.ModelFiles;
using Nad.Core.Reading;
using Nad.Core.Records;
using Spectre.Console;

namespace Nad.Cli.Commands;

/// <summary><c>nad benchmark</c>: cross-validate every model, train each on the whole training file, test on KDDTest+ and KDDTest-21 (or another schema's --train and --test).</summary>
internal static class BenchmarkCommand
{
    public static Command Create(Terminal terminal)
    {
        var supervised = DetectorCatalog.Entries.Where(e => e.IsSupervised).Select(e => e.Name).ToArray();
        var models = new Option<string>("--models")
        {
            Description = $"Comma-separated models to compare, or 'supervised' (default: {string.Join(",", supervised)}), 'unsupervised' or 'all'. Unsupervised models get a second row trained on normal rows.",
        };
        var train = CommonOptions.Files("--train", "Training data (default: the bundled NSL-KDD training file; needed with another --schema).", required: false);
        var tests = new Option<FileInfo[]>("--test") { Description = "Test file(s) (default: the bundled KDDTest+ and KDDTest-21; needed with another --schema).", AllowMultipleArgumentsPerToken = true }.MustExist();
        var schema = CommonOptions.Schema($"The layout of --train and --test: a built-in schema ({string.Join(", ", BuiltInSchemas.Names)}) or a schema JSON file. Default: nsl-kdd.");
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds on the training file (0 to skip).", DefaultValueFactory = _ => 5 };
        var quick = new Option<bool>("--quick") { Description = "Use a 5% stratified sample of the training file and 3 folds: a smoke run in about a minute." };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder for benchmark.md, benchmark.json and roc-<test>.svg.", DefaultValueFactory = _ => new DirectoryInfo(NadHome.Benchmark) };
        var seed = new Option<int>("--seed") { Description = "Random seed for folds, hold-outs and models.", DefaultValueFactory = _ => 42 };
        var threads = new Option<int>("--threads") { Description = "Worker threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("benchmark", "Compare models: stratified cross-validation on the training file, then trained on all of it and tested on KDDTest+ and KDDTest-21. Writes a Markdown report, JSON and ROC curves (SVG).")
        {
            models, schema, train, tests, folds, quick, output, seed, threads,
        };
        command.SetAction((parse, token) =>
        {
            var names = (parse.GetValue(models) ?? "supervised")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .SelectMany(n => n switch
                {
                    "supervised" => supervised,
                    "unsupervised" => DetectorCatalog.Entries.Where(e => !e.IsSupervised).Select(e => e.Name),
                    "all" => DetectorCatalog.Names,
                    _ => [DetectorCatalog.Get(n).Name],
                })
                .Distinct().ToArray();
            if (names.Length == 0) throw new ArgumentException("--models names no models.");
            var isQuick = parse.GetValue(quick);
            var options = new BenchmarkOptions
            {
                Models = names,
                Folds = isQuick ? Math.Min(3, parse.GetValue(folds)) : parse.GetValue(folds),
                Seed = parse.GetValue(seed),
                Threads = Math.Max(1, parse.GetValue(threads)),
                SampleFraction = isQuick ? 0.05 : 1,
            };
            if (options.Folds is 1 or < 0) throw new ArgumentException("--folds must be 0 (skip) or at least 2.");

            var layout = CommonOptions.ResolveSchema(parse.GetValue(schema), BuiltInSchemas.NslKdd);
            // The bundled files are NSL-KDD: another schema's benchmark names its own files.
            var trainPaths = CommonOptions.DataPaths(parse, train);
            if (!layout.IsNslKdd && (trainPaths.Count == 0 || parse.GetValue(tests) is not { Length: > 0 }))
                throw new ArgumentException($"--schema {layout.Name} needs --train and --test files in that schema (the bundled training and test files are NSL-KDD).");
            var trainData = CommonOptions.Read(terminal, trainPaths.Count > 0 ? trainPaths : [BundledData.Train], skipBadRows: false, requireLabels: true, layout);
            var testFiles = parse.GetValue(tests) is { Length: > 0 } given ? given.Select(f => f.FullName).ToArray() : [BundledData.TestPlus, BundledData.Test21];
            var testData = testFiles.Select(f => CommonOptions.Read(terminal, f, skipBadRows: false, requireLabels: true, layout)).ToArray();

            var result = terminal.WithProgress($"benchmark of {names.Length} models", p => BenchmarkRunner.Run(trainData, testData, options, p, token));

            var folder = parse.GetValue(output)!;
            folder.Create();
            var commandLine = "nad benchmark " + string.Join(" ", parse.Tokens.Skip(1).Select(t => t.Value));
            var markdown = BenchmarkMarkdown.Render(result, commandLine.Trim());
            File.WriteAllText(Path.Combine(folder.FullName, "benchmark.md"), markdown);
            File.WriteAllText(Path.Combine(folder.FullName, "benchmark.json"), JsonSerializer.Serialize(result, ModelFile.Json));
            foreach (var test in result.Models.SelectMany(m => m.Tests).Select(t => t.Data).Distinct())
            {
                var series = result.Models.Select(m => m.Tests.First(t => t.Data == test)).Zip(result.Models)
                    .Select(p => (p.Second.Label, p.First.Metrics.RocAuc, p.First.RocCurve)).ToArray();
                var name = $"roc-{Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(test))}.svg";
                File.WriteAllText(Path.Combine(folder.FullName, name), RocChartSvg.Render($"ROC on {test} (trained on the training file)", series));
            }
            terminal.StdOut.WriteLine(markdown); // Markdown as written: a wrapped table row is no longer a row
            terminal.Info($"[green]wrote[/] {Markup.Escape(folder.FullName)}/benchmark.md, benchmark.json and ROC charts");
            return Task.FromResult(0);
        });
        return command;
    }
}
