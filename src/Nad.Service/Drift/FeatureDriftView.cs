namespace Nad.Service.Drift;

/// <summary>One feature's drift as the API shows it.</summary>
public sealed record FeatureDriftView(string Feature, double Psi, string Level);
