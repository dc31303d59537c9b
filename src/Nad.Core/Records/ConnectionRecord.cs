namespace Nad.Core.Records;

/// <summary>
/// One network connection described by the features of its <see cref="RecordSchema"/>: the
/// categorical values in schema order and the numeric ones in <see cref="Numeric"/> (then the
/// schema's missing indicators). For NSL-KDD: protocoltype, service, flag and the 38 numeric
/// features in <see cref="NslKddSchema.NumericColumns"/> order.
/// Labels live beside records (<see cref="ConnectionDataset"/>), never inside them: a record
/// scored live has none.
/// </summary>
public sealed class ConnectionRecord
{
    public ConnectionRecord(string protocolType, string service, string flag, double[] numeric)
    {
        ArgumentNullException.ThrowIfNull(numeric);
        if (numeric.Length != NslKddSchema.NumericCount)
            throw new ArgumentException($"Expected {NslKddSchema.NumericCount} numeric values, got {numeric.Length}.", nameof(numeric));
        _categorical = [protocolType, service, flag];
        Numeric = numeric;
        Schema = BuiltInSchemas.NslKdd;
    }

    /// <summary>A record of any schema: its categorical values and its numeric values (indicators included), in schema order.</summary>
    public ConnectionRecord(RecordSchema schema, string[] categorical, double[] numeric)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(categorical);
        ArgumentNullException.ThrowIfNull(numeric);
        if (categorical.Length != schema.CategoricalColumns.Count || numeric.Length != schema.NumericFeatureNames.Count)
            throw new ArgumentException($"Schema '{schema.Name}' records have {schema.CategoricalColumns.Count} categorical and {schema.NumericFeatureNames.Count} numeric values.");
        _categorical = categorical;
        Numeric = numeric;
        Schema = schema;
    }

    /// <summary>The layout this record follows: the encoder and the front ends read its columns through it.</summary>
    public RecordSchema Schema { get; }

    // One array for every schema; NSL-KDD's reader hands over the one it filled (no extra allocation).
    private readonly string[] _categorical;

    public string ProtocolType => CategoricalOrEmpty(0);
    public string Service => CategoricalOrEmpty(1);
    public string Flag => CategoricalOrEmpty(2);

    /// <summary>How many categorical values the record has (3 for NSL-KDD).</summary>
    public int CategoricalCount => _categorical.Length;

    /// <summary>The 38 numeric features in schema order.</summary>
    public double[] Numeric { get; }

    /// <summary>The categorical value for a categorical column's position (NSL-KDD: <see cref="FeatureColumn.ValueIndex"/>, 0..2).</summary>
    public string Categorical(int valueIndex) => (uint)valueIndex < (uint)_categorical.Length
        ? _categorical[valueIndex]
        : throw new ArgumentOutOfRangeException(nameof(valueIndex));

    private string CategoricalOrEmpty(int index) => index < _categorical.Length ? _categorical[index] : "";

    /// <summary>The numeric value of <paramref name="column"/>.</summary>
    public double this[FeatureColumn column] => column.IsCategorical
        ? throw new ArgumentException($"'{column.Name}' is categorical.", nameof(column))
        : Numeric[column.ValueIndex];

    /// <summary>The numeric value of the column named <paramref name="name"/>.</summary>
    public double this[string name] => this[NslKddSchema.Get(name)];

    /// <summary>The 41 features as CSV fields, in schema order, invariant culture.</summary>
    public IEnumerable<string> ToFields()
    {
        foreach (var column in NslKddSchema.Columns)
            yield return column.IsCategorical
                ? Categorical(column.ValueIndex)
                : Numeric[column.ValueIndex].ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }
}
