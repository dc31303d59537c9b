using Nad.Core.Explanations;
using Nad.Service.Models;

namespace Nad.Service.Explanations;

/// <summary>
/// Why one model scored the record as it did. <see cref="Unavailable"/> is set (and the lists
/// empty) when the model file has no baseline; the score and verdict are still given.
/// </summary>
public sealed record ModelExplanation(
    ModelRef Model,
    double Score,
    double Threshold,
    bool Attack,
    IReadOnlyList<FeatureContribution> Contributions,
    double TotalContribution,
    Counterfactual? Counterfactual,
    string? Unavailable,
    string[]? UnseenCategories);
