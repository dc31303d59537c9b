namespace Nad.Core.Explanations;

/// <summary>
/// How much one feature (a column or a group, <see cref="ExplainedFeature"/>) moved a record's
/// score: <see cref="Contribution"/> = score(record) − score(record with it at its baseline
/// value). Positive: it pushed towards "attack". <see cref="Columns"/> holds each column's
/// description, value and baseline; <see cref="Value"/> and <see cref="Baseline"/> join them.
/// </summary>
public sealed record FeatureContribution(
    string Feature,
    string Description,
    string Value,
    string Baseline,
    IReadOnlyList<FeatureChange> Columns,
    double Contribution,
    double ScoreAtBaseline);
