namespace Nad.Core.Detectors;

/// <summary>
/// Settings every trainer understands (seed, threads, target) and model-specific ones as name=value
/// pairs; each trainer reads them through its <see cref="TrainerDeclaration"/>, which refuses names
/// it does not declare, so a typo never passes silently.
/// </summary>
public sealed record TrainerSettings
{
    public int Seed { get; init; } = 42;

    /// <summary>Worker threads; ML.NET trainers on 2 cores need an explicit count.</summary>
    public int Threads { get; init; } = Math.Max(1, Environment.ProcessorCount);

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Normal/attack (default) or the attack family.</summary>
    public PredictionTarget Target { get; init; } = PredictionTarget.Attack;

    public static TrainerSettings Default { get; } = new();

    /// <summary>These settings with other parameters (for the members of an ensemble).</summary>
    public TrainerSettings With(IReadOnlyDictionary<string, string> parameters, int? seed = null) =>
        this with { Parameters = parameters, Seed = seed ?? Seed };
}
