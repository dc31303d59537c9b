using System.Diagnostics;
using Nad.Core.Detectors.Unsupervised;
using Nad.Core.Reading;

namespace Nad.Bench;

/// <summary>
/// Why DBSCAN uses a k-d tree: every row's eps-neighbour count (DBSCAN's core-point test, no
/// early stop) by brute force vs by <see cref="KdTree.CountWithin"/>, side by side on growing
/// seeded samples of the training file in the 5-component PCA space, then <see cref="Dbscan.Fit"/>
/// on all rows. Same counts are checked; brute force grows as n², the tree far slower.
/// </summary>
internal static class DbscanIndexBench
{
    public static void Run(IReadOnlyList<string> args)
    {
        var eps = args.Count > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 0.3782;
        var train = NslKddReader.ReadFile(BundledData.Train);
        var (_, coordinates) = PcaProjection.Fit(train.Records, 5, standardize: true);
        const int d = 5;
        var order = Enumerable.Range(0, train.Count).ToArray();
        new Random(42).Shuffle(order);
        Console.WriteLine($"load average at start: {LoadAverage()}; eps {eps}, 5 components, standardized");
        Console.WriteLine("| rows | brute force s | k-d tree s (build + counts) | ratio | same counts |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var n in new[] { 5_000, 10_000, 20_000, 40_000 })
        {
            var points = new float[n * d];
            for (var i = 0; i < n; i++) coordinates.AsSpan(order[i] * d, d).CopyTo(points.AsSpan(i * d));
            var clock = Stopwatch.StartNew();
            var brute = new int[n];
            var radius2 = eps * eps;
            Parallel.For(0, n, i =>
            {
                var count = 0;
                for (var j = 0; j < n; j++)
                {
                    double sum = 0;
                    for (var k = 0; k < d; k++)
                    {
                        double diff = points[i * d + k] - (double)points[j * d + k];
                        sum += diff * diff;
                    }
                    if (sum <= radius2) count++;
                }
                brute[i] = count;
            });
            var bruteSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var tree = new KdTree(points, d);
            var indexed = new int[n];
            Parallel.For(0, n, i => indexed[i] = tree.CountWithin(tree.Point(i), eps));
            var treeSeconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"| {n:N0} | {bruteSeconds:0.00} | {treeSeconds:0.000} | {bruteSeconds / treeSeconds:0}x | {brute.SequenceEqual(indexed)} |");
        }
        var all = Stopwatch.StartNew();
        var result = Dbscan.Fit(coordinates, d, eps, 10);
        Console.WriteLine($"Dbscan.Fit on all {train.Count:N0} rows (k-d tree, minPts 10): {all.Elapsed.TotalSeconds:0.00} s, {result.ClusterCount} clusters, {result.NoiseShare:P2} noise");
        Console.WriteLine($"load average at end: {LoadAverage()}");
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}
