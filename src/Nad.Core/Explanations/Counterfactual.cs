namespace Nad.Core.Explanations;

/// <summary>
/// The smallest set of features found (greedily) which, set to their baseline values, bring the
/// score under the threshold: <see cref="Features"/> names them (columns or groups),
/// <see cref="Changes"/> lists every column changed. When <see cref="Found"/> is false they are
/// the closest the search got within <see cref="MaxFeatures"/>, reaching <see cref="ScoreAfter"/>.
/// </summary>
public sealed record Counterfactual(
    bool Found,
    IReadOnlyList<string> Features,
    IReadOnlyList<FeatureChange> Changes,
    double ScoreAfter,
    int MaxFeatures,
    string Sentence);
