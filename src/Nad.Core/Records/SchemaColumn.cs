namespace Nad.Core.Records;

/// <summary>
/// One feature column of a <see cref="RecordSchema"/>. <see cref="Missing"/> columns may hold
/// Infinity, NaN or an empty cell (and <see cref="AbsentValue"/>, when set, means "absent" too):
/// the reader then writes a large finite value and sets the column's missing indicator, never 0.
/// </summary>
public sealed record SchemaColumn(string Name, SchemaColumnKind Kind, string Description = "")
{
    /// <summary>Infinity, NaN and empty cells are allowed here and flagged by a missing-indicator feature.</summary>
    public bool Missing { get; init; }

    /// <summary>A value that means "not measured" (CIC's Init_Win_bytes -1): kept, and the missing indicator set.</summary>
    public double? AbsentValue { get; init; }

    public bool IsCategorical => Kind == SchemaColumnKind.Categorical;

    /// <summary>Whether the column has a missing-indicator feature.</summary>
    public bool HasIndicator => !IsCategorical && (Missing || AbsentValue is not null);

    /// <summary>The name of the column's missing-indicator feature.</summary>
    public string IndicatorName => $"{Name} (missing)";

    public static SchemaColumn Numeric(string name, string description = "") => new(name, SchemaColumnKind.Numeric, description);
    public static SchemaColumn Categorical(string name, string description = "") => new(name, SchemaColumnKind.Categorical, description);
}
