using System.Diagnostics;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Detectors.Supervised;
using Nad.Core.Detectors.Trees;
using Nad.Core.Reading;

namespace Nad.Bench;

/// <summary>
/// Where the default model's batch scoring time goes, alternatives side by side in one run:
/// encoding alone, the trees row by row and by the batch form (QuickScorer; one thread, from
/// encoded rows), the old record-by-record path and the model's Score (encode in blocks, batch
/// form, Platt; both cores above 4,096 rows). Wall and CPU time: CPU time is what load distorts least.
/// Tried here and slower than QuickScorer: tree-major 64-row blocks, 4, 8, 16 and 32 rows walking
/// a tree in lockstep with branch-free child choice (at best 1.2x the walk), scalar QuickScorer alone
/// (about the walk: 30% of the splits fail for a typical row), the vector form with four rows per
/// 256-bit compare (1.2x slower than eight), and sorting the rows so that similar rows share a vector
/// (10-15% fewer vector steps, less than the sort costs).
/// <c>--hybrid</c>: the default hybrid, each member and the Isolation Forest's stages, and one record per model;
/// <c>--fit-phases</c>: where the forest's fit time goes.
/// Usage: <c>scoring [--repeats N] [--hybrid | --fit-phases]</c>.
/// </summary>
internal static class ScoringBench
{
    public static void Run(string[] args)
    {
        var repeats = args.Length > 1 && args[0] == "--repeats" && int.TryParse(args[1], out var r) ? r : 7;
        var train = NslKddReader.ReadFile(BundledData.Train);
        var test = NslKddReader.ReadFile(BundledData.TestPlus);
        if (args.Contains("--fit-phases"))
        {
            RunFitPhases(train);
            return;
        }
        if (args.Contains("--hybrid"))
        {
            RunHybrid(repeats, train, test);
            return;
        }
        var model = (TreeEnsembleModel)new RandomForestTrainer().Fit(train).Model;
        var encoder = model.Encoder;
        var batch = encoder.EncodeBatch(test.Records);
        var sums = new double[batch.Rows];

        var rows = new List<(string, (double[], double[]))>
        {
            ("encode KDDTest+ records (1 thread)", Time(repeats, () => encoder.EncodeBatch(test.Records))),
            ("trees, row by row (1 thread, encoded rows)", Time(repeats, () =>
            {
                for (var i = 0; i < batch.Rows; i++) sums[i] = model.Trees.Evaluate(batch.Row(i));
            })),
            ("trees, QuickScorer (1 thread, encoded rows)", Time(repeats, () => model.Trees.EvaluateBatch(batch.Values, batch.Dimension, sums))),
            ($"records, row by row: encode, walk, Platt ({Environment.ProcessorCount} cores, 4,096-row chunks)", Time(repeats, () => RowByRow(model, test.Records))),
            ($"model.Score from records ({Environment.ProcessorCount} cores)", Time(repeats, () => model.Score(test.Records))),
        };
        Print(repeats, test.Count, rows);
    }

    // Where the forest's fit goes: encoding, one 50-tree part (with the LightGBM dataset it bins) against a
    // 1-tree part (about the binning alone), and the whole fit on all cores.
    private static void RunFitPhases(Nad.Core.Records.ConnectionDataset train)
    {
        var enc = Nad.Core.Features.FeatureEncoder.Fit(train.Records);
        var clock = Stopwatch.StartNew();
        var all = enc.EncodeBatch(train.Records);
        Console.WriteLine($"encode training rows: {clock.Elapsed.TotalSeconds:0.000} s");
        var labels = train.RequireLabels().Select(l => l.IsAttack).ToArray();
        foreach (var trees in new[] { 1, 1, 50, 50 })
        {
            clock.Restart();
            LightGbmForest.ModelText(all, labels, new LightGbmForestOptions { Trees = trees, Threads = 1 }, null, null, null);
            Console.WriteLine($"one part, {trees} trees, 1 thread: {clock.Elapsed.TotalSeconds:0.000} s");
        }
        clock.Restart();
        new RandomForestTrainer().Fit(train);
        Console.WriteLine($"RandomForestTrainer.Fit, all cores: {clock.Elapsed.TotalSeconds:0.000} s");
    }

    // The default hybrid (forest OR Isolation Forest) and each member on its own.
    private static void RunHybrid(int repeats, Nad.Core.Records.ConnectionDataset train, Nad.Core.Records.ConnectionDataset test)
    {
        var hybrid = (Nad.Core.Ensembles.HybridModel)new Nad.Core.Ensembles.HybridTrainer(null, DetectorCatalog.Models).Fit(train).Model;
        var forest = hybrid.Supervised.Scorer;
        var isolation = (Nad.Core.Detectors.Unsupervised.IsolationForestModel)hybrid.Anomaly.Scorer;
        var encoded = isolation.Encoder.EncodeBatch(test.Records);
        var input = isolation.ForestInput(encoded);
        var sink = new double[test.Count];
        var mapped = new float[test.Count * isolation.Forest.Dimension];
        var rows = new List<(string, (double[], double[]))>
        {
            ("hybrid.Score from records", Time(repeats, () => hybrid.Score(test.Records))),
            ("forest member Score", Time(repeats, () => forest.Score(test.Records))),
            ("Isolation Forest member Score", Time(repeats, () => isolation.Score(test.Records))),
            ("  its encoding (1 thread)", Time(repeats, () => isolation.Encoder.EncodeBatch(test.Records))),
            ("  its frequency map (1 thread)", Time(repeats, () => isolation.ForestInput(encoded))),
            ("  records straight to frequency rows (1 thread)", Time(repeats, () =>
            {
                var width = isolation.Forest.Dimension;
                for (var i = 0; i < test.Count; i++) isolation.Frequencies!.MapRecord(isolation.Encoder, test.Records[i], mapped.AsSpan(i * width, width));
            })),
            ($"  its trees ({Environment.ProcessorCount} cores)", Time(repeats, () => isolation.Forest.Score(input))),
            ("  its trees (1 thread)", Time(repeats, () => isolation.Forest.Score(input, 1))),
            ("  its trees, row by row through eight trees at a time (1 thread)", Time(repeats, () =>
            {
                var dimension = isolation.Forest.Dimension;
                for (var i = 0; i < test.Count; i++) sink[i] = isolation.Forest.Score(input.AsSpan(i * dimension, dimension));
            })),
            ("  its trees, pointer walk (1 thread)", Time(repeats, () =>
            {
                var dimension = isolation.Forest.Dimension;
                for (var i = 0; i < test.Count; i++) sink[i] = isolation.Forest.ScoreByWalk(input.AsSpan(i * dimension, dimension));
            })),
        };
        Print(repeats, test.Count, rows);
        Console.WriteLine();
        Console.WriteLine("| one record at a time (KDDTest+ records in turn) | median µs | fastest µs |");
        Console.WriteLine("|---|---|---|");
        foreach (var (what, model) in new (string, IScoringModel)[] { ("hybrid", hybrid), ("forest member", forest), ("Isolation Forest member", isolation) })
        {
            var one = new Nad.Core.Records.ConnectionRecord[1];
            var times = new double[repeats];
            for (var r = -1; r < repeats; r++)
            {
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < 2000; i++) { one[0] = test.Records[i]; model.Score(one); }
                if (r >= 0) times[r] = clock.Elapsed.TotalMicroseconds / 2000;
            }
            Console.WriteLine($"| {what} | {times.Order().ElementAt(repeats / 2):0.00} | {times.Min():0.00} |");
        }
    }

    private static void Print(int repeats, int count, List<(string, (double[], double[]))> rows)
    {
        Console.WriteLine($"| KDDTest+ ({count:N0} rows), {repeats} runs | median s | rows/s | µs per row | fastest s | rows/s | CPU µs per row (median) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (what, (times, cpu)) in rows)
        {
            var median = times.Order().ElementAt(times.Length / 2);
            var fastest = times.Min();
            var cpuMedian = cpu.Order().ElementAt(cpu.Length / 2);
            Console.WriteLine($"| {what} | {median:0.0000} | {count / median:N0} | {median * 1e6 / count:0.00} | {fastest:0.0000} | {count / fastest:N0} | {cpuMedian * 1e6 / count:0.00} |");
        }
    }

    // The scoring path before the batch form: each record encoded and walked through every tree on its own.
    private static double[] RowByRow(TreeEnsembleModel model, IReadOnlyList<Nad.Core.Records.ConnectionRecord> records)
    {
        var scores = new double[records.Count];
        Parallel.For(0, (records.Count + 4095) / 4096, chunk =>
        {
            var row = new float[model.Encoder.Dimension];
            for (var i = chunk * 4096; i < Math.Min(records.Count, (chunk + 1) * 4096); i++)
            {
                model.Encoder.Encode(records[i], row);
                scores[i] = model.Calibration.Probability(model.Trees.Evaluate(row));
            }
        });
        return scores;
    }

    // Wall and process CPU seconds of each run: CPU time is what load from other processes distorts least.
    private static (double[] Wall, double[] Cpu) Time(int repeats, Action action)
    {
        GC.Collect(); // earlier work's garbage (the training) is not collected inside a timed run
        GC.WaitForPendingFinalizers();
        // Warm-up runs for a third of a second: hot methods are compiled again, optimized, only after running a while.
        for (var warm = Stopwatch.StartNew(); warm.Elapsed.TotalSeconds < 0.3 || warm.Elapsed.TotalSeconds == 0;) action();
        var wall = new double[repeats];
        var cpu = new double[repeats];
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < repeats; i++)
        {
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            action();
            wall[i] = clock.Elapsed.TotalSeconds;
            process.Refresh();
            cpu[i] = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        }
        return (wall, cpu);
    }
}
