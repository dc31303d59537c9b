namespace Nad.Core.Records;

/// <summary>
/// The layout of a labelled flow CSV: its feature columns (numeric or categorical), the connection
/// fields kept beside each record but never features (Flow ID, addresses, timestamp), the columns
/// that are neither (an <c>id</c>), and where the label is. NSL-KDD is one schema among several
/// (<see cref="BuiltInSchemas"/>); any other comes from a JSON file or is inferred from a CSV.
/// A record's <see cref="ConnectionRecord.Numeric"/> holds the numeric features in schema order,
/// then one missing indicator (0 or 1) per column that <see cref="SchemaColumn.HasIndicator"/>.
/// </summary>
public sealed class RecordSchema
{
    public RecordSchema(
        string name,
        IReadOnlyList<SchemaColumn> columns,
        LabelSpec? label,
        IReadOnlyList<string>? connectionFields = null,
        IReadOnlyList<string>? ignoredColumns = null,
        string description = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (columns.Count == 0) throw new ArgumentException($"Schema '{name}' has no feature columns.", nameof(columns));
        Name = name;
        Description = description;
        Columns = columns;
        Label = label;
        ConnectionFields = connectionFields ?? [];
        IgnoredColumns = ignoredColumns ?? [];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in NonFeatureNames.Concat(columns.Select(c => c.Name)))
            if (!seen.Add(column))
                throw new ArgumentException($"Schema '{name}' names the column '{column}' twice.", nameof(columns));
        NumericColumns = [.. columns.Where(c => !c.IsCategorical)];
        CategoricalColumns = [.. columns.Where(c => c.IsCategorical)];
        IndicatorColumns = [.. NumericColumns.Where(c => c.HasIndicator)];
        NumericFeatureNames = [.. NumericColumns.Select(c => c.Name), .. IndicatorColumns.Select(c => c.IndicatorName)];
        FeatureColumns = IsNslKdd ? NslKddSchema.Columns : BuildFeatureColumns();
    }

    /// <summary>
    /// Every value of a record as a <see cref="FeatureColumn"/> (its position among the categorical or numeric
    /// values): NSL-KDD's 41 columns; for another schema its columns in file order, then the missing indicators.
    /// </summary>
    public IReadOnlyList<FeatureColumn> FeatureColumns { get; }

    private FeatureColumn[] BuildFeatureColumns()
    {
        var result = new List<FeatureColumn>();
        int categorical = 0, numeric = 0;
        foreach (var column in Columns)
            result.Add(column.IsCategorical
                ? new FeatureColumn(column.Name, result.Count, categorical++, FeatureKind.Categorical, "", column.Description)
                : new FeatureColumn(column.Name, result.Count, numeric++, FeatureKind.Numeric, "", column.Description));
        foreach (var column in IndicatorColumns)
            result.Add(new FeatureColumn(column.IndicatorName, result.Count, numeric++, FeatureKind.Binary, "",
                $"1 when '{column.Name}' was missing or absent in the file."));
        return [.. result];
    }

    public string Name { get; }
    public string Description { get; }
    /// <summary>The feature columns in file order.</summary>
    public IReadOnlyList<SchemaColumn> Columns { get; }
    /// <summary>Null for a schema of unlabelled data.</summary>
    public LabelSpec? Label { get; }
    /// <summary>Columns carried beside each record (who, when), never features; a file may lack them.</summary>
    public IReadOnlyList<string> ConnectionFields { get; }
    /// <summary>Columns that are read past: neither features nor connection fields nor labels (an id, NSL-KDD's difficulty).</summary>
    public IReadOnlyList<string> IgnoredColumns { get; }

    public IReadOnlyList<SchemaColumn> NumericColumns { get; }
    public IReadOnlyList<SchemaColumn> CategoricalColumns { get; }
    /// <summary>The numeric columns with a missing indicator, in the order of the indicators in a record.</summary>
    public IReadOnlyList<SchemaColumn> IndicatorColumns { get; }
    /// <summary>The names of a record's <see cref="ConnectionRecord.Numeric"/> values: numeric columns, then indicators.</summary>
    public IReadOnlyList<string> NumericFeatureNames { get; }

    /// <summary>Whether this is the NSL-KDD layout (read by the specialised <c>NslKddReader</c>).</summary>
    public bool IsNslKdd => Name == BuiltInSchemas.NslKddName;

    /// <summary>Every column name that is not a feature: label, binary label, connection fields, ignored.</summary>
    public IEnumerable<string> NonFeatureNames =>
        new[] { Label?.Column, Label?.BinaryColumn }.OfType<string>().Concat(ConnectionFields).Concat(IgnoredColumns);

    /// <summary>
    /// Whether records of <paramref name="other"/> are records of this schema: the same name and the same feature
    /// values in the same order (a custom schema edited since a model was trained is another layout).
    /// </summary>
    public bool HasSameLayout(RecordSchema other) =>
        ReferenceEquals(this, other) || Name == other.Name
        && FeatureColumns.Select(c => (c.Name, c.IsCategorical)).SequenceEqual(other.FeatureColumns.Select(c => (c.Name, c.IsCategorical)));

    /// <summary>The feature column named <paramref name="name"/> (case-insensitive), or null.</summary>
    public SchemaColumn? Find(string name) =>
        Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Name;
}
