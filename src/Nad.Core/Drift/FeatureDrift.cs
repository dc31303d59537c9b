namespace Nad.Core.Drift;

/// <summary>One feature's (or the score's) population stability index against the baseline, and its level.</summary>
public sealed record FeatureDrift(string Name, double Psi, DriftLevel Level);
