namespace Nad.Core.Benchmarking;

/// <summary>What <c>nad benchmark</c> runs.</summary>
public sealed record BenchmarkOptions
{
    /// <summary>Catalog names of the models to compare, in report order.</summary>
    public required IReadOnlyList<string> Models { get; init; }
    public int Folds { get; init; } = 5;
    public int Seed { get; init; } = 42;
    public int Threads { get; init; } = Math.Max(1, Environment.ProcessorCount);
    /// <summary>Train and cross-validate on this stratified share of the training file (1 = all of it).</summary>
    public double SampleFraction { get; init; } = 1;
    /// <summary>Unsupervised models get a second row trained on the normal rows only (a clean baseline).</summary>
    public bool NormalOnlyRows { get; init; } = true;
}
