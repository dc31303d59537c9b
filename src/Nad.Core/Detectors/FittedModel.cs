namespace Nad.Core.Detectors;

/// <summary>
/// What a trainer's fit gives back: the unthresholded model and, when the trainer scored its own
/// training rows in a way a plain <see cref="IScoringModel.Score"/> would not (kNN scores rows
/// outside its reference sample, not rows it memorized), those scores, for a contamination rule.
/// </summary>
public sealed record FittedModel(IScoringModel Model, double[]? TrainingScores = null);
