using System.Globalization;
using System.Text;
using Nad.Core.Records;

namespace Nad.Core.Benchmarking;

/// <summary>Writes a benchmark run as the Markdown tables that docs/results.md is made from.</summary>
public static class BenchmarkMarkdown
{
    public static string Render(BenchmarkResult result, string command)
    {
        var md = new StringBuilder();
        md.AppendLine($"Run {result.StartedUtc:yyyy-MM-dd HH:mm} UTC on {result.Machine}, {result.Threads} threads, seed {result.Seed}.");
        md.AppendLine($"Training data: {Path.GetFileName(result.TrainingData)} ({result.TrainingRows:N0} rows). Command: `{command}`");
        md.AppendLine();
        var testNames = result.Models.SelectMany(m => m.Tests.Select(t => t.Data)).Distinct().ToArray();
        foreach (var test in testNames)
        {
            md.AppendLine($"### Trained on {Path.GetFileName(result.TrainingData)}, tested on {test}");
            md.AppendLine();
            var rare = RareFamilies(result, test);
            md.AppendLine($"| model | accuracy | precision | recall (detection rate) | F1 | best F1 (oracle) | ROC-AUC | PR-AUC | FPR on normal | {rare[0]} recall | {rare[1]} recall | threshold |");
            md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var m in result.Models)
            {
                var t = m.Tests.FirstOrDefault(x => x.Data == test);
                if (t is null) continue;
                var x = t.Metrics;
                md.AppendLine($"| {m.Label} | {P(x.Accuracy)} | {P(x.Precision)} | {P(x.Recall)} | {P(x.F1)} | {P(t.BestF1)} | {N(x.RocAuc)} | {N(x.PrAuc)} | {P(x.FalsePositiveRate)} | {Family(t, rare[0])} | {Family(t, rare[1])} | {N(m.Threshold)} |");
            }
            md.AppendLine();
        }
        if (result.Models.Any(m => !m.IsSupervised))
        {
            md.AppendLine("Unsupervised rows: fitted without labels, on all training rows, or on its normal rows only where marked \"(normal rows)\"; " +
                "the threshold is the model's own; no cross-validation. Best F1 (oracle) is the highest F1 any threshold reaches on that test file: it uses the test labels, so it only shows what the ranking allows.");
            md.AppendLine();
        }
        if (result.Models.Any(m => m.CrossValidation is not null))
        {
            md.AppendLine($"### {result.Folds}-fold stratified cross-validation on the training file (mean ± sd)");
            md.AppendLine();
            md.AppendLine("| model | accuracy | precision | recall | F1 | ROC-AUC |");
            md.AppendLine("|---|---|---|---|---|---|");
            foreach (var m in result.Models.Where(m => m.CrossValidation is not null))
            {
                string S(string metric)
                {
                    var s = m.CrossValidation!.Summary.First(v => v.Metric == metric);
                    return $"{s.Mean.ToString("0.0000", CultureInfo.InvariantCulture)} ± {s.StandardDeviation.ToString("0.0000", CultureInfo.InvariantCulture)}";
                }
                md.AppendLine($"| {m.Label} | {S("accuracy")} | {S("precision")} | {S("recall")} | {S("f1")} | {S("roc-auc")} |");
            }
            md.AppendLine();
        }
        md.AppendLine("### Cost");
        md.AppendLine();
        md.AppendLine("| model | training on all rows (s, incl. threshold hold-out fit) | batch scoring (rows/s) | settings |");
        md.AppendLine("|---|---|---|---|");
        foreach (var m in result.Models)
            md.AppendLine($"| {m.Label} | {m.TrainingSeconds.ToString("0.0", CultureInfo.InvariantCulture)} | {m.ScoringRowsPerSecond.ToString("N0", CultureInfo.InvariantCulture)} | {string.Join(", ", m.Parameters.Select(p => $"{p.Key}={p.Value}"))} |");
        return md.ToString();
    }

    /// <summary>
    /// The two families whose recall the table shows: NSL-KDD's rare R2L and U2R; for another schema's
    /// test file its two smallest attack families (UNSW-NB15's Worms and Backdoor, say).
    /// </summary>
    private static string[] RareFamilies(BenchmarkResult result, string test)
    {
        var groups = result.Models.SelectMany(m => m.Tests).Where(t => t.Data == test).SelectMany(t => t.ByFamily).ToArray();
        if (groups.All(g => Enum.GetNames<AttackFamily>().Contains(g.Group, StringComparer.Ordinal))) return [nameof(AttackFamily.R2L), nameof(AttackFamily.U2R)];
        var rare = groups.Where(g => g.Group != "Normal").GroupBy(g => g.Group).Select(g => (Family: g.Key, g.First().Count))
            .OrderBy(g => g.Count).ThenBy(g => g.Family, StringComparer.Ordinal).Select(g => g.Family).Take(2).ToList();
        while (rare.Count < 2) rare.Add("-");
        return [.. rare];
    }

    private static string Family(TestFileResult t, string family) =>
        t.ByFamily.FirstOrDefault(g => g.Group == family) is { Count: > 0 } g ? P(g.DetectionRate) : "n/a";

    private static string P(double v) => double.IsNaN(v) ? "n/a" : (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";
    private static string N(double v) => double.IsNaN(v) ? "n/a" : v.ToString("0.0000", CultureInfo.InvariantCulture);
}
