using System.Globalization;

namespace Nad.Core.Detectors.Trees;

/// <summary>Settings of LightGBM's random-forest booster, in LightGBM's own parameter names where they differ.</summary>
public sealed record LightGbmForestOptions
{
    public int Trees { get; init; } = 100;
    public int Leaves { get; init; } = 64;
    public int MinimumRowsPerLeaf { get; init; } = 2;
    /// <summary>Share of the rows each tree sees (LightGBM <c>bagging_fraction</c>, drawn anew per tree).</summary>
    public double RowFraction { get; init; } = 0.7;
    /// <summary>Share of the features each tree may split on (<c>feature_fraction</c>).</summary>
    public double FeatureFraction { get; init; } = 0.7;
    /// <summary>Share of those features drawn at each split (<c>feature_fraction_bynode</c>; scikit-learn's sqrt(features) is about 0.1 here).</summary>
    public double FeatureFractionPerSplit { get; init; } = 1;
    public int MaximumBins { get; init; } = 255;
    public int Threads { get; init; } = 1;
    public int Seed { get; init; } = 42;

    internal string ToParameters() => string.Join(' ',
        "objective=binary", "boosting=rf", "verbosity=-1", "deterministic=true", "force_row_wise=true", "bagging_freq=1",
        $"num_leaves={Leaves}", $"min_data_in_leaf={MinimumRowsPerLeaf}", $"min_sum_hessian_in_leaf=0",
        Invariant("bagging_fraction", RowFraction), Invariant("feature_fraction", FeatureFraction),
        Invariant("feature_fraction_bynode", FeatureFractionPerSplit), $"max_bin={MaximumBins}",
        $"num_threads={Threads}", $"seed={Seed}");

    private static string Invariant(string name, double value) => $"{name}={value.ToString(CultureInfo.InvariantCulture)}";
}
