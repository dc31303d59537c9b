using System.Diagnostics;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Explanations;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Training;

namespace Nad.Bench;

/// <summary>
/// Per-alert explanations: µs per explained KDDTest+ alert for the random forest and the
/// Isolation Forest (trained on normal rows), with all baseline copies in one batch call (NAD's
/// way) side by side with one Score call per copy, then one explanation per attack family for
/// docs/results.md. Usage: <c>explain [--alerts N] [--trees N]</c>. Measured, never asserted.
/// </summary>
internal static class ExplainBench
{
    public static void Run(string[] args)
    {
        var alerts = Option(args, "--alerts", 300);
        var trees = Option(args, "--trees", 100);
        var train = NslKddReader.ReadFile(BundledData.Train);
        var test = NslKddReader.ReadFile(BundledData.TestPlus);
        var info = DataFingerprint.Of(BundledData.Train, train.Count);
        var parameters = new Dictionary<string, string> { ["trees"] = trees.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        Console.Error.WriteLine($"training random-forest ({trees} trees) on {train.Count:N0} rows ...");
        var forest = DetectorTraining.Train(DetectorCatalog.Get("random-forest").CreateTrainer(new TrainerSettings { Parameters = parameters }), train, info);
        Console.Error.WriteLine("training isolation-forest on the normal rows (5% false-positive budget) ...");
        var isolation = DetectorTraining.Train(DetectorCatalog.Get("isolation-forest").CreateTrainer(new TrainerSettings()), train.NormalOnly(), info,
            new TrainingOptions { TargetFalsePositiveRate = 0.05 });

        Console.WriteLine($"| detector | alerts explained | batch calls / alert | rows scored / alert | one batch: µs / alert, p50 (p95) | one call per copy: p50 (p95) | ratio of p50s |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var detector in new[] { forest, isolation })
        {
            var flagged = Flagged(detector, test, alerts);
            Measure(detector, flagged);
        }

        Console.WriteLine();
        Console.WriteLine($"Examples (random forest, {trees} trees, all training rows; the first KDDTest+ alert of each family):");
        var labels = test.RequireLabels();
        var scores = forest.Score(test.Records);
        foreach (var family in new[] { AttackFamily.DoS, AttackFamily.Probe, AttackFamily.R2L })
        {
            var i = Enumerable.Range(0, test.Count).First(i => labels[i].Family == family && scores[i] >= forest.Threshold);
            var e = AlertExplainer.For(forest).Explain(test.Records[i]);
            Console.WriteLine();
            Console.WriteLine($"- line {test.LineNumbers[i]}, {labels[i].Name} ({family}; {test.Records[i].ProtocolType}/{test.Records[i].Service}/{test.Records[i].Flag}), score {e.Score:0.####} (threshold {e.Threshold:0.####}):");
            foreach (var c in e.Contributions.Take(3))
                Console.WriteLine($"  - {c.Feature} = {c.Value} (typical {c.Baseline}): {c.Contribution:+0.####;-0.####;0}");
            Console.WriteLine($"  - {e.Counterfactual!.Sentence}");
        }
    }

    private static ConnectionRecord[] Flagged(IDetector detector, ConnectionDataset test, int count)
    {
        var scores = detector.Score(test.Records);
        return [.. Enumerable.Range(0, test.Count).Where(i => scores[i] >= detector.Threshold).Take(count).Select(i => test.Records[i])];
    }

    private static void Measure(Detector detector, ConnectionRecord[] records)
    {
        var counting = new CountingDetector(detector);
        var explainer = new AlertExplainer(counting, detector.Baseline);
        var oneByOne = new AlertExplainer(new OneCallPerRecord(detector), detector.Baseline);
        foreach (var record in records.Take(20)) { explainer.Explain(record); oneByOne.Explain(record); } // warm up
        counting.Calls = 0;
        counting.Rows = 0;

        // Both ways on the same alerts, interleaved, so a busy machine slows both alike; medians, since load adds outliers.
        var times = new double[records.Length];
        var slow = new double[records.Length];
        for (var i = 0; i < records.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            explainer.Explain(records[i]);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            start = Stopwatch.GetTimestamp();
            oneByOne.Explain(records[i]);
            slow[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        Array.Sort(times);
        Array.Sort(slow);
        double P(double[] sorted, double q) => sorted[(int)(sorted.Length * q)];
        Console.WriteLine($"| {detector.Name} | {records.Length} | {counting.Calls / (double)records.Length:0.0} | {counting.Rows / (double)records.Length:0} | " +
                          $"{P(times, 0.5):N0} ({P(times, 0.95):N0}) | {P(slow, 0.5):N0} ({P(slow, 0.95):N0}) | {P(slow, 0.5) / P(times, 0.5):0.0}x |");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
    }

    private sealed class CountingDetector(IDetector inner) : IDetector
    {
        public int Calls { get; set; }
        public long Rows { get; set; }
        public string Name => inner.Name;
        public double Threshold => inner.Threshold;

        public double[] Score(IReadOnlyList<ConnectionRecord> records)
        {
            Calls++;
            Rows += records.Count;
            return inner.Score(records);
        }
    }

    /// <summary>The alternative NAD does not take: one Score call per perturbed copy.</summary>
    private sealed class OneCallPerRecord(IDetector inner) : IDetector
    {
        public string Name => inner.Name;
        public double Threshold => inner.Threshold;
        public double[] Score(IReadOnlyList<ConnectionRecord> records) => [.. records.Select(r => inner.Score([r])[0])];
    }
}
