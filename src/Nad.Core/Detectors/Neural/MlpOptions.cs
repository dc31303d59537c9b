namespace Nad.Core.Detectors.Neural;

/// <summary>How an MLP is trained (defaults follow scikit-learn's MLPClassifier where it makes sense).</summary>
public sealed record MlpOptions
{
    public IReadOnlyList<int> HiddenLayers { get; init; } = [64, 32];
    public double LearningRate { get; init; } = 0.001;
    /// <summary>L2 penalty on the weights (scikit-learn's alpha).</summary>
    public double L2 { get; init; } = 1e-4;
    public int BatchSize { get; init; } = 128;
    public int MaxEpochs { get; init; } = 30;
    /// <summary>Stop after this many epochs without a better held-out loss; the best weights are kept.</summary>
    public int Patience { get; init; } = 4;
    public int Seed { get; init; } = 42;
}
