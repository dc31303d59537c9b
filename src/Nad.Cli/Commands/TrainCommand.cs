using System.CommandLine;
using Nad.Cli.Output;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Evaluation;
using Nad.Core.ModelFiles;
using Nad.Core.Records;
using Nad.Core.Thresholds;
using Nad.Core.Training;
using Spectre.Console;

namespace Nad.Cli.Commands;

/// <summary><c>nad train</c>: fit a model on a labelled file and write one model file.</summary>
internal static class TrainCommand
{
    public static Command Create(Terminal terminal)
    {
        // No DefaultValueFactory: the default depends on --target, so it is chosen once both are parsed.
        var model = new Option<string?>("--model", "-m")
        {
            Description = $"Model to train: {string.Join(", ", DetectorCatalog.Names)}. Default: {DetectorCatalog.DefaultModel(PredictionTarget.Attack)} " +
                          $"(normal/attack), {DetectorCatalog.DefaultModel(PredictionTarget.Family)} with --target family.",
        };
        model.AcceptOnlyFromAmong([.. DetectorCatalog.Names]);
        var data = CommonOptions.Data("Training file (.csv or .csv.gz): NSL-KDD rows (with or without header), or any schema's CSV with --schema.");
        var schema = CommonOptions.Schema($"The layout of --data: a built-in schema ({string.Join(", ", BuiltInSchemas.Names)}) or a schema JSON file "
            + "(docs/schemas.md; `nad schema infer` writes one). Default: nsl-kdd. Stored in the model file.");
        var output = new Option<FileInfo>("--out", "-o") { Description = "Where to write the model file.", Required = true };
        var parameters = new Option<string[]>("--param", "-p")
        {
            Description = "A model setting as name=value (repeatable), e.g. --param trees=200. `nad models` lists them.",
            AllowMultipleArgumentsPerToken = false,
        };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed and data give the same model.", DefaultValueFactory = _ => 42 };
        var threads = new Option<int>("--threads") { Description = "Worker threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var cv = new Option<int>("--cv") { Description = "Also run K-fold stratified cross-validation on the training file first (e.g. --cv 5).", DefaultValueFactory = _ => 0 };
        var validation = new Option<double>("--validation-fraction")
        {
            Description = "Share of training rows held out (stratified) to choose the decision threshold on.",
            DefaultValueFactory = _ => 0.2,
        };
        var noRefit = new Option<bool>("--no-refit") { Description = "Keep the model fitted without the held-out rows instead of refitting on all rows." };
        var targetFpr = new Option<double?>("--target-fpr")
        {
            Description = "Set the threshold to flag this share of the held-out normal rows (e.g. 0.02), for any model; needs labels.",
        };
        var threshold = new Option<string?>("--threshold")
        {
            Description = "How to choose the threshold: held-out (the model's default on the random hold-out: max F1 for supervised models, " +
                          "their own cut for the others), novel (max F1 on leave-attack-types-out " +
                          "validation: K extra fits, each without a group of attack names, so the cut anticipates attacks never seen in " +
                          "training) or novel-balanced (max balanced accuracy on the same rows). Default: the model's, listed by `nad models`.",
        };
        var novelGroups = new Option<int>("--novel-groups")
        {
            Description = "Groups of attack names the novel rules leave out one at a time (K, each one extra fit).",
            DefaultValueFactory = _ => 5,
        };
        var normalOnly = new Option<bool>("--normal-only") { Description = "Train only on rows labelled normal (a clean baseline for unsupervised models)." };
        var target = new Option<PredictionTarget>("--target")
        {
            Description = $"What to predict: attack (normal/attack, default) or family (normal and the schema's attack families: NSL-KDD's DoS, Probe, R2L, U2R, UNSW-NB15's attack_cat values, ...; {string.Join(", ", DetectorCatalog.ModelsFor(PredictionTarget.Family))}).",
            DefaultValueFactory = _ => PredictionTarget.Attack,
        };
        var skip = CommonOptions.SkipBadRows();
        var testFiles = CommonOptions.TestFiles();
        var dedup = CommonOptions.Dedup();

        var command = new Command("train", "Train a model on a labelled connection-record file and save it as one model file.")
        {
            model, data, schema, output, parameters, target, seed, threads, cv, validation, noRefit, targetFpr, threshold, novelGroups, normalOnly, skip,
            testFiles, dedup,
        };
        command.SetAction((parse, token) => Task.FromResult(Execute(parse, token)));
        return command;

        int Execute(ParseResult parse, CancellationToken token)
        {
            var settings = new TrainerSettings
            {
                Seed = parse.GetValue(seed),
                Threads = Math.Max(1, parse.GetValue(threads)),
                Parameters = ParseParameters(parse.GetValue(parameters) ?? []),
                Target = parse.GetValue(target),
            };
            var entry = DetectorCatalog.Get(parse.GetValue(model) ?? DetectorCatalog.DefaultModel(settings.Target));
            var trainer = entry.CreateTrainer(settings);
            var paths = CommonOptions.DataPaths(parse, data);
            var fpr = parse.GetValue(targetFpr);
            if (fpr is { } f && !(f >= 0 && f < 1)) throw new ArgumentException($"--target-fpr is {f}; expected a share from 0 to below 1, e.g. 0.02.");
            var rule = parse.GetValue(threshold) is { } ruleName ? ParseRule(ruleName) : (ThresholdRuleKind?)null;
            var groups = parse.GetValue(novelGroups);
            if (groups < 2) throw new ArgumentException($"--novel-groups is {groups}; expected 2 or more groups of attack names.");
            var layout = CommonOptions.ResolveSchema(parse.GetValue(schema), BuiltInSchemas.NslKdd);
            if (settings.Target == PredictionTarget.Family && layout.Label is null)
                throw new ArgumentException($"--target family needs labelled data; schema '{layout.Name}' has no label column, so it has no families.");
            var heldOutFiles = parse.GetValue(testFiles) ?? [];
            var dataset = CommonOptions.Read(terminal, paths, parse.GetValue(skip),
                requireLabels: entry.IsSupervised || parse.GetValue(normalOnly) || fpr is not null || rule is not null && rule.Value.LeavesAttackTypesOut()
                    || heldOutFiles.Length > 0,
                layout);
            if (parse.GetValue(dedup)) dataset = CommonOptions.RemoveDuplicates(terminal, dataset);
            ConnectionDataset? test = null;
            if (heldOutFiles.Length > 0) (dataset, test) = CommonOptions.SplitByFiles(terminal, dataset, heldOutFiles);
            if (parse.GetValue(normalOnly)) dataset = dataset.NormalOnly();

            var folds = parse.GetValue(cv);
            if (folds > 0)
            {
                var result = terminal.WithProgress($"{folds}-fold cross-validation", p => CrossValidation.Run(trainer, dataset, folds, settings.Seed, p, token));
                terminal.Out.Write(ReportTables.CrossValidationTable(result));
            }

            var options = new TrainingOptions
            {
                Seed = settings.Seed,
                ValidationFraction = parse.GetValue(validation),
                Refit = !parse.GetValue(noRefit),
                TargetFalsePositiveRate = fpr,
                Threshold = rule,
                NovelGroups = groups,
            };
            // The fingerprint names every file read; with --test-files the rows count only the training files' rows.
            var info = DataFingerprint.Of(paths, dataset.Count);
            var detector = terminal.WithProgress($"training {trainer.Name}", p => DetectorTraining.Train(trainer, dataset, info, options, p, token));
            var outPath = parse.GetValue(output)!.FullName;
            ModelFile.Save(detector, outPath);
            WriteSummary(terminal, detector, outPath);
            if (test is not null)
            {
                terminal.Out.MarkupLineInterpolated($"[grey]on the {test.Count:N0} rows of the test files (--test-files: never trained on, threshold not chosen on them):[/]");
                ReportTables.Write(terminal.Out, EvaluateCommand.Evaluate(terminal, detector, test));
            }
            return 0;
        }
    }

    /// <summary>
    /// Held-out rows with no attacks (training with --normal-only) measure one thing: the share of
    /// normal rows the threshold flags. Precision, recall and ROC-AUC need attacks, so they are not
    /// printed as zeros; the realised false-positive rate is, beside the budget it was meant to meet.
    /// </summary>
    private static void WriteNormalRowsCheck(Terminal terminal, ModelManifest m, BinaryMetrics metrics)
    {
        var rows = metrics.Confusion.Total;
        var target = m.ThresholdSelection is { Rule: ThresholdRuleKind.FalsePositiveBudget, Parameter: { } budget }
            ? $"target {budget:P2} (--target-fpr)"
            : "no target set: the threshold is the model's own cut (choose one with --target-fpr)";
        terminal.Out.MarkupLineInterpolated(
            $"[grey]checked on {rows:N0} held-out training rows, all normal (no attacks: precision, recall and ROC-AUC cannot be measured):[/]");
        terminal.Out.MarkupLineInterpolated(
            $"false-positive rate {metrics.FalsePositiveRate:P2} ({metrics.Confusion.FalsePositives:N0} of {rows:N0} normal rows flagged); {target}");
    }

    internal static void WriteSummary(Terminal terminal, Detector detector, string path)
    {
        var m = detector.Manifest;
        terminal.Out.MarkupLineInterpolated($"[green]saved[/] {m.Model} to {path} (threshold {m.Threshold:0.####}: {m.ThresholdRule})");
        foreach (var warning in m.Warnings)
            terminal.Info($"[yellow]warning:[/] {Markup.Escape(warning)}");
        // The only warnings are about a model's own cut flagging almost nothing: say which options change it.
        if (m.Warnings.Count > 0 && m.ThresholdSelection?.Rule is ThresholdRuleKind.Fixed or ThresholdRuleKind.Contamination)
        {
            var options = new List<string>();
            if (m.Parameters.ContainsKey("contamination")) options.Add("an alert rate: --param contamination=0.05");
            if (m.ValidationMetrics is not null) options.Add("a false-positive budget on held-out normal rows: --target-fpr 0.02");
            if (options.Count > 0) terminal.Info($"[grey]{string.Join("; ", options)}[/]");
        }
        if (m.ThresholdSelection is { NovelDetectionRate: { } novel, SeenDetectionRate: var seen })
            terminal.Out.MarkupLineInterpolated($"[grey]at this threshold, attacks of a type their model never saw: {novel:P1} detected; of seen types: {seen:P1}[/]");
        if (m.ValidationMetrics is { Confusion: { TruePositives: 0, FalseNegatives: 0 } } normalOnly)
            WriteNormalRowsCheck(terminal, m, normalOnly);
        else if (m.ValidationMetrics is { } metrics)
        {
            terminal.Out.MarkupLine(m.ThresholdSelection?.NovelAttackRows is not null
                ? "[grey]on the pooled leave-attack-types-out rows:[/]"
                : "[grey]on held-out training rows (same distribution as training: expect higher than on KDDTest+):[/]");
            terminal.Out.Write(ReportTables.MetricsTable(metrics));
        }
    }

    // The rules a user may choose by name; a budget has its own option (--target-fpr).
    private static readonly ThresholdRuleKind[] ChoosableRules = [ThresholdRuleKind.HeldOut, ThresholdRuleKind.Novel, ThresholdRuleKind.NovelBalanced];

    private static ThresholdRuleKind ParseRule(string name) =>
        ThresholdRuleKinds.Find(name) is { } kind && ChoosableRules.Contains(kind) ? kind
            : throw new ArgumentException($"--threshold is '{name}'; expected one of {string.Join(", ", ChoosableRules.Select(ThresholdRuleKinds.NameOf))}.");

    private static Dictionary<string, string> ParseParameters(string[] pairs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0 || equals == pair.Length - 1)
                throw new ArgumentException($"--param '{pair}' is not name=value (e.g. --param trees=200).");
            result[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
        }
        return result;
    }
}
