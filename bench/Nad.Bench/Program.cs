using System.Diagnostics;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Reading;
using Nad.Core.Training;

// NAD's foundation benchmark: reading, training, batch and single-record scoring (the forest and the default model, the hybrid).
// Prints a Markdown table; run through bench/run.sh. Measured, never asserted.
// Other modes (first argument), each measured and printed, never asserted:
//   isolation-forest [--seeds N] [--trees N] [--samples N] [--encoding one-hot]  speed and ROC-AUC over seeds
//   unsupervised [name ...]            every unsupervised detector's quality, or those named
//   knn-speed [reference rows ...]     kNN scoring: row by row vs blocked, side by side
//   dbscan-index [eps]                 DBSCAN's range counts: brute force vs the k-d tree
//   zoo [--models a,b] [--json f]      NAD's side of bench/side_by_side.sh
//   forest-options [--seeds N] [--only a,b]  FastForest's options: fit time against accuracy
//   forest-engines [--seeds N]         LightGBM rf vs FastForest through the whole training pipeline
//   scoring [--repeats N] [--hybrid | --fit-phases]  batch scoring of the forest (or the hybrid): where the time goes
//   explain [--alerts N] [--trees N]   µs per explained alert, and one example per attack family
//   threshold-curve --out DIR label=model.nadmodel ...  accuracy vs normal rows flagged on both test files (SVG)
//   hybrid-members [--seeds N] [--trees a,b]  the hybrid's Isolation Forest member by tree count, training file only
//   refactor-proof --out F [--save D | --load D] | --compare A B   thresholds and score checksums of every model, before/after a refactor
var modes = new Dictionary<string, Action<string[]>>
{
    ["isolation-forest"] = Nad.Bench.IsolationForestBench.Run,
    ["unsupervised"] = Nad.Bench.UnsupervisedBench.Run,
    ["knn-speed"] = Nad.Bench.KnnSpeedBench.Run,
    ["dbscan-index"] = Nad.Bench.DbscanIndexBench.Run,
    ["zoo"] = Nad.Bench.ZooBench.Run,
    ["forest-options"] = Nad.Bench.ForestOptionsBench.Run,
    ["forest-engines"] = Nad.Bench.ForestEnginesBench.Run,
    ["scoring"] = Nad.Bench.ScoringBench.Run,
    ["explain"] = Nad.Bench.ExplainBench.Run,
    ["threshold-curve"] = Nad.Bench.ThresholdCurveBench.Run,
    ["hybrid-members"] = Nad.Bench.HybridMembersBench.Run,
    ["refactor-proof"] = Nad.Bench.RefactorProofBench.Run,
};
if (args.Length > 0 && modes.TryGetValue(args[0], out var mode))
{
    mode(args[1..]);
    return;
}
var repeats = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 5;
var readOnly = args.Contains("--read-only");
var rows = new List<(string What, string Value)>();

var readTimes = Time(repeats, () => NslKddReader.ReadFile(BundledData.Train));
var train = NslKddReader.ReadFile(BundledData.Train);
rows.Add(("read training file (125,973 rows, gzip)", Summary(readTimes, "s")));
rows.Add(("read rate", $"{train.Count / Median(readTimes):N0} rows/s"));

if (readOnly)
{
    Print(rows);
    return;
}

var test = NslKddReader.ReadFile(BundledData.TestPlus);
var info = DataFingerprint.Of(BundledData.Train, train.Count);
foreach (var threads in new[] { 1, Environment.ProcessorCount }.Distinct())
{
    var trainer = new Nad.Core.Detectors.Supervised.RandomForestTrainer(new TrainerSettings { Threads = threads });
    var fitTimes = Time(Math.Min(repeats, 3), () => trainer.Fit(train));
    rows.Add(($"fit random forest, 100 trees, {threads} thread(s), all rows", Summary(fitTimes, "s")));
}

// Scoring: the forest, and beside it the default model (the hybrid: the forest OR an Isolation Forest), measured the same way.
foreach (var (label, name) in new[] { ("random forest", Nad.Core.Detectors.Supervised.RandomForestTrainer.ModelName),
                                      ("default model (hybrid)", DetectorCatalog.DefaultModel(PredictionTarget.Attack)) })
{
    var detector = DetectorTraining.Train(DetectorCatalog.Get(name).CreateTrainer(TrainerSettings.Default), train, info);
    var batchTimes = Time(repeats, () => detector.Score(test.Records)); // Time warms up first
    rows.Add(($"{label}: score KDDTest+ in one batch (22,544 rows)", Summary(batchTimes, "s")));
    rows.Add(($"{label}: batch scoring rate", $"{test.Count / Median(batchTimes):N0} rows/s"));

    var latencies = new List<double>();
    for (var i = 0; i < 200; i++) detector.Score(test.Records[i]); // warm up
    for (var i = 0; i < 5000; i++)
    {
        var record = test.Records[i % test.Count];
        var start = Stopwatch.GetTimestamp();
        detector.Score(record);
        latencies.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
    }
    latencies.Sort();
    rows.Add(($"{label}: score one record (mean)", $"{latencies.Average():0.0} µs"));
    rows.Add(($"{label}: score one record (p50 / p99)", $"{latencies[latencies.Count / 2]:0.0} / {latencies[(int)(latencies.Count * 0.99)]:0.0} µs"));
}

Print(rows);

static void Print(List<(string What, string Value)> rows)
{
    Console.WriteLine($"| measure | NAD ({Environment.ProcessorCount} cores, .NET {Environment.Version}) |");
    Console.WriteLine("|---|---|");
    foreach (var (what, value) in rows) Console.WriteLine($"| {what} | {value} |");
}

static double[] Time(int repeats, Action action)
{
    action(); // warm up: JIT and caches
    var times = new double[repeats];
    for (var i = 0; i < repeats; i++)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        times[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
    return times;
}

static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);

static string Summary(double[] times, string unit) =>
    $"median {Median(times):0.000} {unit} (min {times.Min():0.000}, max {times.Max():0.000}, n={times.Length})";
