using MathNet.Numerics.Statistics;

namespace Nad.Core.Exploration.Statistics;

/// <summary>Summary of one numeric sample: quartiles interpolate linearly (numpy's default, R type 7).</summary>
public sealed record Descriptive(int Count, double Mean, double StdDev, double Min, double Q1, double Median, double Q3, double Max, double ZeroShare)
{
    public static Descriptive Of(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty) return new Descriptive(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var zeros = 0;
        foreach (var v in sorted) if (v == 0) zeros++;
        var (mean, variance) = sorted.MeanVariance();
        double Q(double tau) => SortedArrayStatistics.QuantileCustom(sorted, tau, QuantileDefinition.R7);
        return new Descriptive(sorted.Length, mean, sorted.Length > 1 ? Math.Sqrt(variance) : 0,
            sorted[0], Q(0.25), Q(0.5), Q(0.75), sorted[^1], (double)zeros / sorted.Length);
    }
}
