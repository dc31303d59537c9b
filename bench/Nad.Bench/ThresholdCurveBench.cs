using Nad.Core.ModelFiles;
using Nad.Core.Reading;
using Nad.Reports;

namespace Nad.Bench;

/// <summary>
/// <c>threshold-curve --out DIR label=model.nadmodel ...</c>: each model's accuracy against the
/// share of normal rows flagged on KDDTest+ and KDDTest-21, for every cut of its score, with its
/// own (training-chosen) threshold as a dot. Draws what the rule family trades; chooses nothing.
/// </summary>
public static class ThresholdCurveBench
{
    public static void Run(string[] args)
    {
        var outIndex = Array.IndexOf(args, "--out");
        var folder = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : "out/threshold-curve";
        var named = args.Where((a, i) => a.Contains('=') && (outIndex < 0 || i != outIndex + 1))
            .Select(a => (Label: a[..a.IndexOf('=')], Path: a[(a.IndexOf('=') + 1)..])).ToArray();
        var missing = named.Where(m => !File.Exists(m.Path)).Select(m => $"{m.Label}: {m.Path}").ToArray();
        if (named.Length == 0 || missing.Length > 0)
        {
            Console.Error.WriteLine(named.Length == 0 ? "error: name at least one model as label=path.nadmodel" : $"error: no such model file: {string.Join("; ", missing)}");
            Environment.Exit(2);
        }
        var models = named.Select(m => (m.Label, Detector: ModelFile.Load(m.Path))).ToArray();
        Directory.CreateDirectory(folder);
        Console.WriteLine("| file | model | accuracy at its own threshold | FPR on normal | best accuracy at FPR <= 3% (oracle, on the file) |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (name, path) in new[] { ("KDDTest+", BundledData.TestPlus), ("KDDTest-21", BundledData.Test21) })
        {
            var test = NslKddReader.ReadFile(path);
            var truth = test.RequireLabels().Select(l => l.IsAttack).ToArray();
            var inputs = models.Select(m =>
            {
                Console.Error.WriteLine($"scoring {name} with {m.Label}");
                return new ThresholdCurveInput(m.Label, truth, m.Detector.Score(test.Records), m.Detector.Threshold);
            }).ToArray();
            foreach (var input in inputs)
            {
                var own = Nad.Core.Evaluation.BinaryMetrics.Compute(input.IsAttack, input.Scores, input.Threshold);
                Console.WriteLine($"| {name} | {input.Label} | {own.Accuracy:P2} | {own.FalsePositiveRate:P2} | {ThresholdPlots.BestAccuracyWithin(input.IsAttack, input.Scores, 0.03):P2} |");
            }
            var svg = ThresholdPlots.AccuracyVsFalsePositiveRate($"Accuracy against normal rows flagged, {name} (dots: each model's training-chosen threshold)", inputs);
            var file = Path.Combine(folder, $"accuracy-fpr-{name}.svg");
            File.WriteAllText(file, svg);
            Console.Error.WriteLine($"wrote {file}");
        }
    }
}
