using System.Text.Json.Serialization;
using Nad.Service.Models;

namespace Nad.Service.Scoring;

/// <summary>One model's answer on one record in API v2: the score and threshold in the model's own units, the decision, and a calibrated probability.</summary>
/// <param name="Score">The model's score, in its own units (a forest's vote share, the hybrid's score over its members' cuts, an anomaly score): higher is more suspicious.</param>
/// <param name="Threshold">The cut, in the same units: a score at or above it is an attack (or anomaly).</param>
/// <param name="Attack">Whether the score reaches the threshold.</param>
/// <param name="Probability">P(attack) in [0, 1] from a Platt fit on held-out training rows; null where the model has none (e.g. trained on normal rows only).</param>
/// <param name="Family">For a family model: the most likely attack family when <paramref name="Attack"/> is true, "Normal" when not; null for other models.</param>
public sealed record ModelVerdict(
    double Score,
    double Threshold,
    bool Attack,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Probability,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Family,
    ModelRef Model,
    string[]? UnseenCategories);
