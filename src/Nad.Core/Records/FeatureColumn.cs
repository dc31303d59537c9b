namespace Nad.Core.Records;

/// <summary>
/// One of the 41 NSL-KDD features. <see cref="Index"/> is the position in the CSV row;
/// <see cref="ValueIndex"/> the position in <see cref="ConnectionRecord.Numeric"/> for numeric
/// columns, or in the categorical triple for categorical ones.
/// </summary>
public sealed record FeatureColumn(string Name, int Index, int ValueIndex, FeatureKind Kind, string Group, string Description)
{
    public bool IsCategorical => Kind == FeatureKind.Categorical;

    /// <summary>Why <paramref name="value"/> is not valid here, or null when it is.</summary>
    public string? Validate(double value)
    {
        if (!double.IsFinite(value)) return "a finite number";
        return Kind switch
        {
            FeatureKind.Binary when value is not (0 or 1) => "0 or 1",
            FeatureKind.Rate when value is < 0 or > 1 => "a rate from 0 to 1",
            FeatureKind.Count or FeatureKind.Bytes when value < 0 => "a number that is zero or more",
            _ => null,
        };
    }
}
