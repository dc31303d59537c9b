using Nad.Core.Records;

namespace Nad.Core.Drift;

/// <summary>
/// A sliding window over the last <see cref="Capacity"/> scored records: each record's bin per
/// feature and of its score, and the running count of every bin, so observing costs a bin lookup
/// per feature and a report costs one PSI per feature (decision 0662). Thread-safe: requests
/// observe concurrently, reports read a consistent window.
/// </summary>
public sealed class DriftMonitor
{
    /// <summary>The window size the service uses unless configured.</summary>
    public const int DefaultCapacity = 5000;

    /// <summary>The fewest records before a level or warning (PSI of a small sample is noise).</summary>
    public const int DefaultMinimumSample = 1000;

    private readonly DriftBaseline _baseline;
    private readonly FeatureDistribution[] _features;
    private readonly int _slots; // features + the score
    private readonly ushort[] _window; // Capacity rows of _slots bins, a ring
    private readonly int[][] _counts; // per slot, per bin
    private readonly Lock _lock = new();
    private int _next;
    private int _filled;

    public DriftMonitor(DriftBaseline baseline, int capacity = DefaultCapacity, int minimumSample = DefaultMinimumSample)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumSample);
        if (baseline.Features.Append(baseline.Score).Any(f => f.Bins > ushort.MaxValue))
            throw new ArgumentException("A drift baseline has more bins than a window can hold.", nameof(baseline));
        _baseline = baseline;
        _features = [.. baseline.Features];
        Capacity = capacity;
        MinimumSample = minimumSample;
        _slots = baseline.Features.Count + 1;
        _window = new ushort[capacity * _slots];
        _counts = [.. baseline.Features.Append(baseline.Score).Select(f => new int[f.Bins])];
    }

    public int Capacity { get; }
    public int MinimumSample { get; }
    public DriftBaseline Baseline => _baseline;

    /// <summary>Adds scored records to the window, dropping the oldest beyond <see cref="Capacity"/>.</summary>
    public void Observe(IReadOnlyList<ConnectionRecord> records, IReadOnlyList<double> scores)
    {
        if (records.Count != scores.Count) throw new ArgumentException($"{records.Count} records but {scores.Count} scores.", nameof(scores));
        var features = _features;
        var columns = _baseline.Schema.FeatureColumns;
        var scoreSlot = _slots - 1;
        lock (_lock)
        {
            for (var r = 0; r < records.Count; r++)
            {
                var record = records[r];
                var row = _next * _slots;
                var full = _filled == Capacity;
                for (var f = 0; f < scoreSlot; f++)
                {
                    var feature = features[f];
                    var column = columns[f];
                    var bin = column.IsCategorical ? feature.BinOf(record.Categorical(column.ValueIndex)) : feature.BinOf(record.Numeric[column.ValueIndex]);
                    Place(f, row, bin, full);
                }
                Place(scoreSlot, row, _baseline.Score.BinOf(scores[r]), full);
                _next = (_next + 1) % Capacity;
                if (!full) _filled++;
            }
        }
    }

    private void Place(int slot, int row, int bin, bool full)
    {
        if (full) _counts[slot][_window[row + slot]]--;
        _window[row + slot] = (ushort)bin;
        _counts[slot][bin]++;
    }

    /// <summary>Empties the window (a new model version starts from nothing).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            foreach (var counts in _counts) Array.Clear(counts);
            _next = _filled = 0;
        }
    }

    /// <summary>PSI of every feature and of the scores over the window as it is now.</summary>
    public DriftReport Report()
    {
        int[][] counts;
        int filled;
        lock (_lock)
        {
            counts = [.. _counts.Select(c => (int[])c.Clone())];
            filled = _filled;
        }
        var features = _baseline.Features.Select((f, i) => Measure(f, counts[i], filled));
        return DriftReport.From(filled, Capacity, MinimumSample, features, Measure(_baseline.Score, counts[^1], filled));
    }

    private static FeatureDrift Measure(FeatureDistribution reference, int[] counts, int total)
    {
        var psi = PopulationStability.Index(reference.Proportions, counts, total);
        return new FeatureDrift(reference.Name, psi, DriftLevels.Of(psi));
    }

    /// <summary>A whole file at once against a baseline (the offline check): a window as large as the records.</summary>
    public static DriftReport Compare(DriftBaseline baseline, IReadOnlyList<ConnectionRecord> records, IReadOnlyList<double> scores, int minimumSample = DefaultMinimumSample)
    {
        var monitor = new DriftMonitor(baseline, Math.Max(1, records.Count), minimumSample);
        monitor.Observe(records, scores);
        return monitor.Report();
    }
}
