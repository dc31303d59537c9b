namespace Nad.Core.Explanations;

/// <summary>One feature of a counterfactual: the record's value and the typical value it was set to.</summary>
public sealed record FeatureChange(string Column, string Description, string Value, string Baseline);
