using System.Runtime.ExceptionServices;
using Nad.Core.Features;

namespace Nad.Core.Detectors.Trees;

/// <summary>
/// A random forest grown by LightGBM's <c>rf</c> booster (native, histogram-based; each tree a
/// Newton step of the logistic loss from the base rate on its own bagged rows and features;
/// output: the trees' mean, in log-odds) and copied into a <see cref="FlatTreeEnsemble"/>.
/// </summary>
public static class LightGbmForest
{
    /// <summary>Trees a part grows (one single-threaded booster with its own seed).</summary>
    public const int TreesPerPart = 50;

    /// <summary>
    /// Grows the forest in parts of <see cref="TreesPerPart"/> trees, each part one LightGBM booster
    /// on one thread with its own seed, up to <see cref="LightGbmForestOptions.Threads"/> parts at
    /// once, then averages them. A forest's trees are independent, so this is the same model
    /// whatever the thread count; LightGBM's own threads inside one booster made the fit slower on
    /// 2 cores than one thread (docs/benchmarks.md).
    /// </summary>
    public static FlatTreeEnsemble Fit(EncodedBatch batch, IReadOnlyList<bool> labels, LightGbmForestOptions options,
        IProgress<int>? treesDone = null, CancellationToken cancellationToken = default)
    {
        var parts = new List<LightGbmForestOptions>();
        for (var done = 0; done < options.Trees; done += TreesPerPart)
            parts.Add(options with { Trees = Math.Min(TreesPerPart, options.Trees - done), Threads = 1, Seed = options.Seed + parts.Count });
        var progress = treesDone is null ? null : new TreeCounter(treesDone);
        var ensembles = new FlatTreeEnsemble[parts.Count];
        try
        {
            // One dataset for every part, binned on all the fit's threads: the bins depend on the rows only
            // (every row is sampled for them up to 200,000), so each part trains as on a dataset of its own.
            using var dataset = LightGbmNative.Dataset.Create(batch.Values, batch.Rows, batch.Dimension, Targets(batch, labels),
                (options with { Threads = Math.Max(1, options.Threads) }).ToParameters());
            Parallel.For(0, parts.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads), CancellationToken = cancellationToken },
                p => ensembles[p] = LightGbmModelText.Parse(LightGbmNative.Train(dataset, parts[p].ToParameters(), parts[p].Trees, progress, null, null, cancellationToken)));
        }
        catch (AggregateException parallel) when (parallel.InnerExceptions.Count > 0)
        {
            // Every part fails alike (same data, same settings): report the first as if the fit were sequential,
            // so callers see LightGBM's own message or the argument error, not a wrapper.
            ExceptionDispatchInfo.Capture(parallel.InnerExceptions[0]).Throw();
        }
        return FlatTreeEnsemble.Average(ensembles);
    }

    /// <summary>The model text, and LightGBM's own probabilities for <paramref name="predict"/> (for tests that check the copy).</summary>
    public static string ModelText(EncodedBatch batch, IReadOnlyList<bool> labels, LightGbmForestOptions options,
        IProgress<int>? treesDone, EncodedBatch? predict, double[]? probabilities, CancellationToken cancellationToken = default)
    {
        return LightGbmNative.Train(batch.Values, batch.Rows, batch.Dimension, Targets(batch, labels), options.ToParameters(), options.Trees, treesDone,
            predict?.Values, probabilities, cancellationToken);
    }

    private static float[] Targets(EncodedBatch batch, IReadOnlyList<bool> labels) =>
        labels.Count == batch.Rows ? [.. labels.Select(l => l ? 1f : 0f)] : throw new ArgumentException("One label per row.", nameof(labels));

    /// <summary>Turns each part's "tree i done" into the forest's running total (parts report from their own threads).</summary>
    private sealed class TreeCounter(IProgress<int> total) : IProgress<int>
    {
        private int _grown;
        public void Report(int value) => total.Report(Interlocked.Increment(ref _grown));
    }
}
