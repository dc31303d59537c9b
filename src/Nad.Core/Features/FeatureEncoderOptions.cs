namespace Nad.Core.Features;

/// <summary>How a <see cref="FeatureEncoder"/> is learned.</summary>
public sealed record FeatureEncoderOptions
{
    /// <summary>log1p byte and count columns (default): tames srcbytes' nine orders of magnitude.</summary>
    public bool LogScale { get; init; } = true;

    /// <summary>Subtract the training mean and divide by the standard deviation (for distance and linear models).</summary>
    public bool Standardize { get; init; }

    public static FeatureEncoderOptions Default { get; } = new();
}
