using System.Diagnostics;
using Nad.Core.Detectors;
using Nad.Core.Detectors.Supervised;
using Nad.Core.Detectors.Trees;
using Nad.Core.Reading;

namespace Nad.Bench;

/// <summary>
/// Where the default model's batch scoring time goes, alternatives side by side in one run:
/// encoding alone, the trees row by row (one thread, from encoded rows), and the model's Score
/// (encode, trees, Platt; both cores above 4,096 rows). Tree-major 64-row blocks, four rows
/// walking a tree in lockstep and branchless child choice were tried here and were slower.
/// Usage: <c>scoring [--repeats N]</c>.
/// </summary>
internal static class ScoringBench
{
    public static void Run(string[] args)
    {
        var repeats = args.Length > 1 && args[0] == "--repeats" && int.TryParse(args[1], out var r) ? r : 7;
        var train = NslKddReader.ReadFile(BundledData.Train);
        var test = NslKddReader.ReadFile(BundledData.TestPlus);
        var model = (TreeEnsembleModel)new RandomForestTrainer().Fit(train);
        var encoder = model.Encoder;
        var batch = encoder.EncodeBatch(test.Records);
        var sums = new double[batch.Rows];

        var rows = new List<(string, double[])>
        {
            ("encode KDDTest+ records (1 thread)", Time(repeats, () => encoder.EncodeBatch(test.Records))),
            ("trees, row by row (1 thread, encoded rows)", Time(repeats, () =>
            {
                for (var i = 0; i < batch.Rows; i++) sums[i] = model.Trees.Evaluate(batch.Row(i));
            })),
            ($"model.Score from records ({Environment.ProcessorCount} cores)", Time(repeats, () => model.Score(test.Records))),
        };
        Console.WriteLine($"| KDDTest+ ({test.Count:N0} rows), {repeats} runs | median s | rows/s | µs per row |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (what, times) in rows)
        {
            var median = times.Order().ElementAt(times.Length / 2);
            Console.WriteLine($"| {what} | {median:0.0000} | {test.Count / median:N0} | {median * 1e6 / test.Count:0.00} |");
        }
    }

    private static double[] Time(int repeats, Action action)
    {
        action();
        var times = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times[i] = clock.Elapsed.TotalSeconds;
        }
        return times;
    }
}
