namespace Nad.Core.Exploration.Statistics;

/// <summary>Which difference a test looks for: any, or the first sample lower / higher than the second.</summary>
public enum Alternative
{
    TwoSided,
    /// <summary>The first sample tends to be smaller than the second.</summary>
    Less,
    /// <summary>The first sample tends to be larger than the second.</summary>
    Greater,
}
