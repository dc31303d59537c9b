namespace Nad.Core.Explanations;

/// <summary>How much an explanation lists and how far its counterfactual search goes.</summary>
public sealed record ExplanationOptions
{
    /// <summary>How many contributions to list (largest first by size).</summary>
    public int Top { get; init; } = 5;

    /// <summary>The counterfactual tries sets of up to this many features.</summary>
    public int MaxCounterfactualFeatures { get; init; } = 6;

    public static ExplanationOptions Default { get; } = new();

    public void Validate()
    {
        if (Top < 1) throw new ArgumentException($"top is {Top}; expected at least 1.");
        if (MaxCounterfactualFeatures < 1)
            throw new ArgumentException($"the counterfactual size is {MaxCounterfactualFeatures}; expected at least 1.");
    }
}
