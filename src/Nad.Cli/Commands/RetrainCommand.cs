using System.CommandLine;
using Spectre.Console;
using Nad.Alerts;
using Nad.Alerts.Stores;
using Nad.Cli.Output;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.ModelFiles;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Training;

namespace Nad.Cli.Commands;

/// <summary>
/// <c>nad retrain</c>: analysts' feedback in an alert store becomes labelled training rows (false positive → normal,
/// true positive → attack), each repeated <c>--feedback-weight</c> times, added to the training file; the same model
/// type is trained with the old model's parameters and threshold rule, and old and new are compared on the same
/// held-out training rows and on the feedback rows. The new model is written, never activated (docs/feedback.md).
/// </summary>
public static class RetrainCommand
{
    public const int DefaultWeight = 20;
    public const double HeldOutFraction = 0.2;

    public static Command Create(Terminal terminal)
    {
        var model = CommonOptions.ModelFile("The model file to retrain (its type, parameters and threshold rule are kept).");
        var feedback = new Option<string>("--feedback", "-f")
        {
            Description = "Where the analysts' feedback is: an alerts database file (SQLite) or a postgres:// URL.",
            Required = true,
        };
        var data = CommonOptions.Files("--data", "The labelled training data, in the model's schema (default: the bundled KDDTrain+, for an NSL-KDD model).", required: false, "-d");
        var weight = new Option<int>("--feedback-weight")
        {
            Description = "How many times each feedback row is added to the training rows.",
            DefaultValueFactory = _ => DefaultWeight,
        };
        var output = new Option<FileInfo>("--out", "-o") { Description = "Where to write the retrained model file.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed for the held-out split and the training.", DefaultValueFactory = _ => 42 };
        var skip = CommonOptions.SkipBadRows();
        var command = new Command("retrain", "Retrain a model with analysts' feedback on its alerts; compare old and new; write the new one (not activated).")
        {
            model, feedback, data, weight, output, seed, skip,
        };
        command.SetAction((parse, token) => ExecuteAsync(parse, token));
        return command;

        async Task<int> ExecuteAsync(ParseResult parse, CancellationToken token)
        {
            var k = parse.GetValue(weight);
            if (k < 1 || k > 10_000) throw new ArgumentException($"--feedback-weight is {k}; expected a whole number from 1 to 10000.");
            var old = ModelFile.Load(parse.GetValue(model)!.FullName);
            var (rows, labels, skipped, otherSchema) = await ReadFeedbackAsync(parse.GetValue(feedback)!, old.Schema, token);
            if (skipped > 0) terminal.Err.WriteLine($"{skipped} alert(s) with feedback have no readable stored record; they are left out.");
            if (otherSchema > 0) terminal.Err.WriteLine($"{otherSchema} alert(s) with feedback hold records of another schema than the model's '{old.Schema.Name}'; they are left out.");
            if (rows.Count == 0) throw new ArgumentException($"--feedback {parse.GetValue(feedback)} holds no alert with feedback and a stored record; nothing to learn from.");

            var paths = CommonOptions.DataPaths(parse, data);
            if (paths.Count == 0 && !old.Schema.IsNslKdd)
                throw new ArgumentException($"The model reads schema '{old.Schema.Name}': give its training data with --data (the bundled KDDTrain+ is NSL-KDD).");
            if (paths.Count == 0) paths = [Path.Combine(BundledData.Folder(), BundledData.TrainFile)];
            var training = CommonOptions.Read(terminal, paths, parse.GetValue(skip), requireLabels: true, old.Schema);
            var path = training.Source;
            var split = Enumerable.Range(0, training.Count).ToArray();
            new Random(parse.GetValue(seed)).Shuffle(split); // one held-out split for both models
            var heldOutCount = (int)(training.Count * HeldOutFraction);
            var heldOut = training.Subset([.. split[..heldOutCount].Order()], "held-out training rows");
            var kept = training.Subset([.. split[heldOutCount..].Order()]);
            var augmented = new ConnectionDataset($"{path} + {rows.Count} feedback rows x{k}",
                [.. kept.Records, .. Enumerable.Repeat(rows, k).SelectMany(r => r)],
                [.. kept.RequireLabels(), .. Enumerable.Repeat(labels, k).SelectMany(l => l)]);

            var manifest = old.Manifest;
            var entry = DetectorCatalog.Get(manifest.Model);
            // The manifest also records settings that are not trainer parameters (seed, calibrator, ...): pass on only the declared ones.
            var declared = entry.Declaration.Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var settings = new TrainerSettings
            {
                Seed = parse.GetValue(seed),
                Parameters = manifest.Parameters.Where(p => declared.Contains(p.Key)).ToDictionary(),
                Target = manifest.Target == "family" ? PredictionTarget.Family : PredictionTarget.Attack,
            };
            var trainer = entry.CreateTrainer(settings);
            var options = new TrainingOptions { Seed = settings.Seed, Threshold = manifest.ThresholdSelection?.Rule };
            var info = DataFingerprint.Of(paths, augmented.Count);
            var retrained = terminal.WithProgress($"retraining {trainer.Name}", p => DetectorTraining.Train(trainer, augmented, info, options, p, token));
            var outPath = parse.GetValue(output)!.FullName;
            ModelFile.Save(retrained, outPath);

            var comparison = new RetrainComparison(
                Measure(old, heldOut.Records, heldOut.RequireLabels()), Measure(retrained, heldOut.Records, heldOut.RequireLabels()),
                Measure(old, rows, labels), Measure(retrained, rows, labels), heldOut.Count, rows.Count, k);
            terminal.Out.Write(comparison.ToTable());
            terminal.Err.WriteLine($"wrote {outPath} (not active: load it in the service and POST /api/v1/models/{{name}}/activate when it looks right)");
            return 0;
        }
    }

    private static RetrainComparison.Score Measure(Detector detector, IReadOnlyList<ConnectionRecord> records, IReadOnlyList<AttackLabel> labels)
    {
        var scores = detector.Score(records);
        int correct = 0, normals = 0, flaggedNormals = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var flagged = scores[i] >= detector.Threshold;
            if (flagged == labels[i].IsAttack) correct++;
            if (labels[i].IsAttack) continue;
            normals++;
            if (flagged) flaggedNormals++;
        }
        return new(scores.Length == 0 ? 0 : (double)correct / scores.Length, normals == 0 ? 0 : (double)flaggedNormals / normals);
    }

    /// <summary>Every alert with feedback whose stored record reads and is of <paramref name="schema"/> (the model's), as a training
    /// row and its label; <c>Skipped</c> counts records that do not read, <c>OtherSchema</c> those of another schema.</summary>
    public static async Task<(List<ConnectionRecord> Rows, List<AttackLabel> Labels, int Skipped, int OtherSchema)> ReadFeedbackAsync(
        string location, RecordSchema schema, CancellationToken token)
    {
        var store = await AlertStores.OpenAsync(location, token, new SchemaResolver(name => name == schema.Name ? schema : null));
        try
        {
            var rows = new List<ConnectionRecord>();
            var labels = new List<AttackLabel>();
            var skipped = 0;
            var otherSchema = 0;
            for (var page = 1; ; page++)
            {
                var batch = await store.QueryAsync(new AlertQuery(null, null, null, null, null, page, 1000, FeedbackOnly: true), token);
                foreach (var alert in batch.Items)
                {
                    if (alert.Record is not { } record || alert.Feedback is not { } judged)
                    {
                        skipped++;
                        continue;
                    }
                    if (!record.Schema.HasSameLayout(schema))
                    {
                        otherSchema++;
                        continue;
                    }
                    rows.Add(record);
                    labels.Add(judged.Verdict == FeedbackVerdicts.FalsePositive ? AttackLabel.Normal
                        : FeedbackAttack(alert.Family));
                }
                if ((long)page * 1000 >= batch.Total) break;
            }
            return (rows, labels, skipped, otherSchema);
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }


    // An NSL-KDD family keeps its enum value; another schema's family (UNSW-NB15's Exploits) its name, so a family model retrains on it.
    private static AttackLabel FeedbackAttack(string? family) =>
        Enum.TryParse<AttackFamily>(family, true, out var f) && f is not (AttackFamily.Normal or AttackFamily.Unknown) ? new AttackLabel("feedback-attack", f)
        : family is null || string.Equals(family, nameof(AttackFamily.Normal), StringComparison.OrdinalIgnoreCase) ? new AttackLabel("feedback-attack", AttackFamily.Unknown)
        : new AttackLabel("feedback-attack", AttackFamily.Unknown) { FamilyName = family };
}
