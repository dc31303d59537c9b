using Nad.Service.Models;

namespace Nad.Service.Scoring;

/// <summary>The supervised model's verdict on one record.</summary>
/// <param name="Label">"attack" or "normal".</param>
/// <param name="AttackProbability">The model's attack score: a calibrated probability (0..1) for single models such as the
/// random forest; for the hybrid (the default) each member's score in units of its own threshold, so 1 is the cut and it can exceed 1.</param>
/// <param name="Threshold">Probabilities at or above this are attacks.</param>
/// <param name="UnseenCategories">Categorical fields whose value the model never saw in training (scored anyway).</param>
public sealed record SupervisedResult(string Label, double AttackProbability, double Threshold, ModelRef Model, string[]? UnseenCategories);
