namespace Nad.Core.Detectors.Unsupervised;

/// <summary>Isolation Forest settings, named and defaulted as in scikit-learn's IsolationForest.</summary>
public sealed record IsolationForestOptions
{
    /// <summary>Number of isolation trees (n_estimators).</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Rows drawn per tree (max_samples, ψ); the data size when smaller.</summary>
    public int MaxSamples { get; init; } = 256;

    /// <summary>Share of the columns each tree may split on (max_features), drawn per tree.</summary>
    public double MaxFeatures { get; init; } = 1.0;

    /// <summary>Draw each tree's rows with replacement (bootstrap) instead of without.</summary>
    public bool Bootstrap { get; init; }

    public int Seed { get; init; } = 42;

    /// <summary>Trees grown at once; the forest is the same for any count.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
}
