namespace Nad.Core.Thresholds;

/// <summary>Percentiles with numpy's default (linear) interpolation.</summary>
public static class Percentile
{
    /// <summary>The <paramref name="quantile"/> (0..1) of <paramref name="values"/>.</summary>
    public static double Linear(IReadOnlyList<double> values, double quantile)
    {
        if (values.Count == 0) throw new ArgumentException("No values to take a percentile of.", nameof(values));
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var position = Math.Clamp(quantile, 0, 1) * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
