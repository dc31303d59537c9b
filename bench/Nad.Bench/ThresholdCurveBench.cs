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
        var models = args.Where((a, i) => a.Contains('=') && (outIndex < 0 || i != outIndex + 1))
            .Select(a => (Label: a[..a.IndexOf('=')], Detector: ModelFile.Load(a[(a.IndexOf('=') + 1)..]))).ToArray();
        if (models.Length == 0) throw new ArgumentException("Name at least one model as label=path.nadmodel.");
        Directory.CreateDirectory(folder);
        foreach (var (name, path) in new[] { ("KDDTest+", BundledData.TestPlus), ("KDDTest-21", BundledData.Test21) })
        {
            var test = NslKddReader.ReadFile(path);
            var truth = test.RequireLabels().Select(l => l.IsAttack).ToArray();
            var inputs = models.Select(m =>
            {
                Console.Error.WriteLine($"scoring {name} with {m.Label}");
                return new ThresholdCurveInput(m.Label, truth, m.Detector.Score(test.Records), m.Detector.Threshold);
            }).ToArray();
            var svg = ThresholdPlots.AccuracyVsFalsePositiveRate($"Accuracy against normal rows flagged, {name} (dots: each model's training-chosen threshold)", inputs);
            var file = Path.Combine(folder, $"accuracy-fpr-{name}.svg");
            File.WriteAllText(file, svg);
            Console.WriteLine(file);
        }
    }
}
