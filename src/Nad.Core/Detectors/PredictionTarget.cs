namespace Nad.Core.Detectors;

/// <summary>What a supervised model learns to predict.</summary>
public enum PredictionTarget
{
    /// <summary>Normal or attack (the default): one attack probability per record.</summary>
    Attack,

    /// <summary>The attack family (normal, DoS, Probe, R2L, U2R): one probability per family.</summary>
    Family,
}
