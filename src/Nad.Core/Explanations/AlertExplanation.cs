namespace Nad.Core.Explanations;

/// <summary>
/// Why one detector scored one record as it did. When the model has no baseline,
/// <see cref="Unavailable"/> says so and the lists are empty.
/// </summary>
public sealed record AlertExplanation(
    string Model,
    double Score,
    double Threshold,
    bool IsAttack,
    IReadOnlyList<FeatureContribution> Contributions,
    double TotalContribution,
    Counterfactual? Counterfactual,
    string? Unavailable)
{
    public static AlertExplanation Missing(string model, double score, double threshold) =>
        new(model, score, threshold, score >= threshold, [], 0, null, NormalBaseline.MissingMessage);
}
