namespace Nad.Core.Detectors;

/// <summary>How far training has come: a stage name and the fraction done (0..1) overall.</summary>
public readonly record struct TrainingProgress(string Stage, double Fraction);
