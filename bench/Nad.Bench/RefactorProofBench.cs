using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.ModelFiles;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Thresholds;
using Nad.Core.Training;

namespace Nad.Bench;

/// <summary>
/// Before/after proof for a refactor that must not change results: trains every catalog model (and
/// the threshold paths: contamination, no labels, a false-positive budget, the novel rules, no refit,
/// the family target, cross-validation) on a 5,000-row stratified sample (seed 42) of KDDTrain+, and
/// records per variant the threshold, its rule, the validation metrics, the payload's sha256 and a
/// sha256 of the KDDTest+ scores. <c>--save DIR</c> keeps the model files; <c>--load DIR</c> loads
/// such files (written by another build) and records their KDDTest+ checksum; <c>--compare a b</c>
/// prints the differences of two runs. A benchmark tool, never a test.
/// Usage: <c>refactor-proof --out FILE [--save DIR] [--load DIR] [--only a,b]</c> or <c>refactor-proof --compare A B</c>.
/// </summary>
internal static class RefactorProofBench
{
    private const int SampleRows = 5000;
    private const int Seed = 42;

    private sealed record Variant(string Label, string Model, Dictionary<string, string> Parameters, Func<TrainingOptions, TrainingOptions> Options,
        bool Labels = true, bool NormalOnly = false, PredictionTarget Target = PredictionTarget.Attack, int CrossValidationFolds = 0);

    private static Dictionary<string, string> P(params string[] pairs) =>
        pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    private static IEnumerable<Variant> Variants()
    {
        foreach (var entry in DetectorCatalog.Entries) yield return new(entry.Name, entry.Name, [], o => o);
        yield return new("isolation-forest contamination=0.05", "isolation-forest", P("contamination=0.05"), o => o);
        yield return new("isolation-forest no labels", "isolation-forest", [], o => o, Labels: false);
        yield return new("isolation-forest contamination=0.05 no labels", "isolation-forest", P("contamination=0.05"), o => o, Labels: false);
        yield return new("isolation-forest normal-only fpr=0.05", "isolation-forest", [], o => o with { TargetFalsePositiveRate = 0.05 }, NormalOnly: true);
        yield return new("pca no labels", "pca", [], o => o, Labels: false);
        yield return new("knn no labels", "knn", [], o => o, Labels: false);
        yield return new("randomized-pca no labels", "randomized-pca", [], o => o, Labels: false);
        yield return new("dbscan no labels", "dbscan", [], o => o, Labels: false);
        yield return new("pca fpr=0.02", "pca", [], o => o with { TargetFalsePositiveRate = 0.02 });
        yield return new("random-forest fpr=0.02", "random-forest", [], o => o with { TargetFalsePositiveRate = 0.02 });
        yield return new("random-forest novel", "random-forest", [], o => o with { Threshold = ThresholdRuleKind.Novel });
        yield return new("decision-tree novel-balanced", "decision-tree", [], o => o with { Threshold = ThresholdRuleKind.NovelBalanced, NovelGroups = 3 });
        yield return new("decision-tree novel no-refit", "decision-tree", [], o => o with { Threshold = ThresholdRuleKind.Novel, Refit = false });
        yield return new("gradient-boosting no-refit", "gradient-boosting", [], o => o with { Refit = false });
        yield return new("logistic-regression family", "logistic-regression", [], o => o, Target: PredictionTarget.Family);
        yield return new("lightgbm family", "lightgbm", [], o => o, Target: PredictionTarget.Family);
        yield return new("neural-network family", "neural-network", [], o => o, Target: PredictionTarget.Family);
        yield return new("hybrid supervised-threshold=novel", "hybrid", P("supervised-threshold=novel"), o => o);
        yield return new("hybrid combine=stacked", "hybrid", P("combine=stacked"), o => o);
        yield return new("decision-tree cv=3", "decision-tree", [], o => o, CrossValidationFolds: 3);
        yield return new("isolation-forest cv=3", "isolation-forest", [], o => o, CrossValidationFolds: 3);
    }

    public static void Run(string[] args)
    {
        if (Option(args, "--compare") is { } before)
        {
            Compare(before, args[Array.IndexOf(args, "--compare") + 2]);
            return;
        }
        var outPath = Option(args, "--out") ?? throw new ArgumentException("--out FILE is required.");
        var save = Option(args, "--save");
        var load = Option(args, "--load");
        var only = Option(args, "--only")?.Split(',');
        var train = NslKddReader.ReadFile(BundledData.Train);
        var test = NslKddReader.ReadFile(BundledData.TestPlus);
        var labels = train.RequireLabels();
        var sample = train.Subset(StratifiedSplit.TrainHoldout(labels, (double)SampleRows / train.Count, Seed).Holdout, "KDDTrain+ stratified sample");
        var info = new TrainingDataInfo("KDDTrain+ stratified sample", "proof", sample.Count);
        Console.Error.WriteLine($"sample: {sample.Count} rows, {sample.RequireLabels().Count(l => l.IsAttack)} attacks");
        if (save is not null) Directory.CreateDirectory(save);

        var results = new JsonObject { ["sampleRows"] = sample.Count };
        foreach (var v in Variants())
        {
            if (only is not null && !only.Contains(v.Label)) continue;
            var started = DateTime.UtcNow;
            var row = new JsonObject();
            var file = Path.Combine(load ?? save ?? ".", v.Label.Replace(' ', '_').Replace('=', '-') + ".nadmodel");
            if (load is not null)
            {
                if (!File.Exists(file)) continue;
                var loaded = ModelFile.Load(file);
                row["threshold"] = R(loaded.Threshold);
                row["testScores"] = Checksum(loaded.Score(test.Records));
                results[v.Label] = row;
                Console.Error.WriteLine($"{v.Label}: loaded, {row["testScores"]}");
                continue;
            }
            var settings = new TrainerSettings { Seed = Seed, Threads = 2, Parameters = v.Parameters, Target = v.Target };
            var trainer = DetectorCatalog.Get(v.Model).CreateTrainer(settings);
            var data = v.NormalOnly ? sample.NormalOnly() : v.Labels ? sample : new ConnectionDataset("unlabelled sample", sample.Records);
            if (v.CrossValidationFolds > 0)
            {
                var cv = CrossValidation.Run(trainer, data, v.CrossValidationFolds, Seed);
                row["folds"] = JsonSerializer.SerializeToNode(cv.PerFold, ModelFile.Json);
                results[v.Label] = row;
                Console.Error.WriteLine($"{v.Label}: cv done in {(DateTime.UtcNow - started).TotalSeconds:0.0} s");
                continue;
            }
            var detector = DetectorTraining.Train(trainer, data, info, v.Options(new TrainingOptions { Seed = Seed }));
            var m = detector.Manifest;
            using var payload = new MemoryStream();
            detector.Model.Save(payload);
            row["threshold"] = R(m.Threshold);
            row["thresholdRule"] = m.ThresholdRule;
            row["selection"] = JsonSerializer.SerializeToNode(m.ThresholdSelection, ModelFile.Json);
            row["validation"] = JsonSerializer.SerializeToNode(m.ValidationMetrics, ModelFile.Json);
            row["parameters"] = JsonSerializer.SerializeToNode(m.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(), ModelFile.Json);
            row["warnings"] = JsonSerializer.SerializeToNode(m.Warnings, ModelFile.Json);
            row["target"] = m.Target;
            row["payloadSha256"] = Convert.ToHexStringLower(SHA256.HashData(payload.ToArray()));
            row["testScores"] = Checksum(detector.Score(test.Records));
            if (save is not null) ModelFile.Save(detector, file);
            results[v.Label] = row;
            Console.Error.WriteLine($"{v.Label}: threshold {R(m.Threshold)} in {(DateTime.UtcNow - started).TotalSeconds:0.0} s");
        }
        File.WriteAllText(outPath, results.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    // The round-trip text of a double: equal text, equal bits.
    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Checksum(double[] scores)
    {
        var bytes = new byte[scores.Length * sizeof(double)];
        Buffer.BlockCopy(scores, 0, bytes, 0, bytes.Length);
        return $"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]} (sum {scores.Sum().ToString("0.######", CultureInfo.InvariantCulture)})";
    }

    private static void Compare(string beforePath, string afterPath)
    {
        var before = JsonNode.Parse(File.ReadAllText(beforePath))!.AsObject();
        var after = JsonNode.Parse(File.ReadAllText(afterPath))!.AsObject();
        Console.WriteLine($"| variant | threshold | KDDTest+ scores | payload | other fields that differ |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (label, node) in before)
        {
            if (node is not JsonObject b) continue;
            if (after[label] is not JsonObject a)
            {
                Console.WriteLine($"| {label} | missing after | | | |");
                continue;
            }
            string Same(string field) => !b.ContainsKey(field) && !a.ContainsKey(field) ? "-"
                : JsonNode.DeepEquals(b[field], a[field]) ? "same" : $"{b[field]?.ToJsonString()} -> {a[field]?.ToJsonString()}";
            var others = b.Select(p => p.Key).Union(a.Select(p => p.Key))
                .Where(k => k is not ("threshold" or "testScores" or "payloadSha256") && !JsonNode.DeepEquals(b[k], a[k])).ToArray();
            Console.WriteLine($"| {label} | {Same("threshold")} | {Same("testScores")} | {Same("payloadSha256")} | {(others.Length == 0 ? "none" : string.Join(", ", others))} |");
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
