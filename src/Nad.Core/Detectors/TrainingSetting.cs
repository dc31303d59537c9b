namespace Nad.Core.Detectors;

/// <summary>Training settings that name each other in a refusal, so a front end can word them with its own option names.</summary>
public enum TrainingSetting
{
    /// <summary>What the model predicts (normal/attack or the attack family).</summary>
    Target,

    /// <summary>The threshold rule chosen by name (held-out, novel, novel-balanced).</summary>
    ThresholdRule,

    /// <summary>A false-positive budget on held-out normal rows.</summary>
    FalsePositiveBudget,
}
