using Nad.Core.Detectors;

namespace Nad.Core.Training;

/// <summary>A self-validated fit: the final model and the scores of rows it was not fitted on (at the model's own cut).</summary>
public sealed record SelfValidatedFit(IScoringModel Model, HeldOutScores Validation);
