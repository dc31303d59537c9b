namespace Nad.Core.Exploration;

/// <summary>
/// Equal-width histograms of one feature per class, on a log10(1 + x) axis when the positive
/// values span <see cref="LogSpan"/> or more (bytes, durations), so the bulk is not one bar.
/// </summary>
internal static class HistogramBuilder
{
    public const int MaxBins = 30;
    public const double LogSpan = 1000;

    public static Histogram Build(double[] values, IEnumerable<(string Name, int[] Rows)> groups)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity, minPositive = double.PositiveInfinity;
        foreach (var v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            if (v > 0) minPositive = Math.Min(minPositive, v);
        }
        var log = min >= 0 && double.IsFinite(minPositive) && max / minPositive >= LogSpan;
        Func<double, double> axis = log ? v => Math.Log10(1 + v) : v => v;
        double low = axis(min), high = axis(max);
        var integral = !log && values.All(v => v == Math.Floor(v));
        // Few whole-number values (flags, small counts): one bin per value keeps the bars honest.
        var bins = integral && high - low < MaxBins ? (int)(high - low) + 1 : high > low ? MaxBins : 1;
        var width = integral && high - low < MaxBins ? 1 : (high - low) / bins;
        if (width == 0) width = 1;
        var start = integral && high - low < MaxBins ? low - 0.5 : low;
        var edges = Enumerable.Range(0, bins + 1).Select(i => start + i * width).ToArray();

        var counts = new Dictionary<string, IReadOnlyList<int>>();
        foreach (var (name, rows) in groups)
        {
            var c = new int[bins];
            foreach (var r in rows)
                c[Math.Clamp((int)((axis(values[r]) - start) / width), 0, bins - 1)]++;
            counts[name] = c;
        }
        return new Histogram(log, edges, counts);
    }
}
