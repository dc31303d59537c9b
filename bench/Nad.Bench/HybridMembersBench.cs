using Nad.Core.Detectors;
using Nad.Core.Detectors.Unsupervised;
using Nad.Core.Evaluation;
using Nad.Core.Reading;

namespace Nad.Bench;

/// <summary>
/// The hybrid's Isolation Forest member at two tree counts, judged on the training file only (no
/// test file is read): fitted on the normal rows of the hybrid's 80% split, ROC-AUC for telling the
/// held-out 20%'s attack rows from its normal rows, per seed. The rule it serves is pre-registered in
/// docs/results.md ("The hybrid's members made lighter for speed").
/// Usage: <c>hybrid-members [--seeds N] [--trees a,b]</c>.
/// </summary>
internal static class HybridMembersBench
{
    public static void Run(string[] args)
    {
        var seeds = Option(args, "--seeds") is { } s ? int.Parse(s) : 3;
        var counts = (Option(args, "--trees") ?? "100,50").Split(',').Select(int.Parse).ToArray();
        var train = NslKddReader.ReadFile(BundledData.Train);
        var labels = train.RequireLabels();
        var (fitRows, holdoutRows) = StratifiedSplit.TrainHoldout(labels, 0.2, TrainerSettings.Default.Seed);
        var normals = train.Subset(fitRows).NormalOnly();
        var holdout = train.Subset(holdoutRows);
        var truth = holdout.RequireLabels().Select(l => l.IsAttack).ToArray();

        Console.WriteLine($"Isolation Forest member, fitted on {normals.Count:N0} normal training rows; held-out training rows: {holdout.Count:N0} ({truth.Count(t => t):N0} attacks)");
        Console.WriteLine();
        Console.WriteLine("| trees | " + string.Join(" | ", Enumerable.Range(1, seeds).Select(x => $"ROC-AUC seed {x}")) + " | mean |");
        Console.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---|", seeds + 1)));
        foreach (var trees in counts)
        {
            var aucs = Enumerable.Range(1, seeds).Select(seed =>
            {
                var settings = new TrainerSettings { Seed = seed, Parameters = new Dictionary<string, string> { ["trees"] = trees.ToString() } };
                var model = new IsolationForestTrainer(settings).Fit(normals).Model;
                return RankMetrics.RocAuc(truth, model.Score(holdout.Records));
            }).ToArray();
            Console.WriteLine($"| {trees} | " + string.Join(" | ", aucs.Select(a => a.ToString("0.0000"))) + $" | {aucs.Average():0.0000} |");
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
