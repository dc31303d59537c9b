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
        _protocolType = protocolType;
        _service = service;
        _flag = flag;
        Numeric = numeric;
    }

    /// <summary>A record of any schema: its categorical values and its numeric values (indicators included), in schema order.</summary>
    public ConnectionRecord(RecordSchema schema, string[] categorical, double[] numeric)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(categorical);
        ArgumentNullException.ThrowIfNull(numeric);
        if (categorical.Length != schema.CategoricalColumns.Count || numeric.Length != schema.NumericFeatureNames.Count)
            throw new ArgumentException($"Schema '{schema.Name}' records have {schema.CategoricalColumns.Count} categorical and {schema.NumericFeatureNames.Count} numeric values.");
        Numeric = numeric;
        if (schema.IsNslKdd)
        {
            (_protocolType, _service, _flag) = (categorical[0], categorical[1], categorical[2]);
            return;
        }
        _protocolType = _service = _flag = "";
        _other = new OtherSchema(schema, categorical);
    }

    // NSL-KDD's three values inline and nothing else: reading 5 million rows allocates no array per
    // row and keeps none alive (a kept array cost the reader 5-10%). Other schemas keep theirs in _other.
    private readonly string _protocolType;
    private readonly string _service;
    private readonly string _flag;
    private readonly OtherSchema? _other;

    private sealed record OtherSchema(RecordSchema Schema, string[] Categorical);

    /// <summary>The layout this record follows: the encoder and the front ends read its columns through it.</summary>
    public RecordSchema Schema => _other?.Schema ?? BuiltInSchemas.NslKdd;

    public string ProtocolType => _protocolType;
    public string Service => _service;
    public string Flag => _flag;

    /// <summary>How many categorical values the record has (3 for NSL-KDD).</summary>
    public int CategoricalCount => _other?.Categorical.Length ?? 3;

    /// <summary>The 38 numeric features in schema order.</summary>
    public double[] Numeric { get; }

    /// <summary>The categorical value for a categorical column's position (NSL-KDD: <see cref="FeatureColumn.ValueIndex"/>, 0..2).</summary>
    public string Categorical(int valueIndex) => _other is { } other ? other.Categorical[valueIndex] : valueIndex switch
    {
        0 => _protocolType,
        1 => _service,
        2 => _flag,
        _ => throw new ArgumentOutOfRangeException(nameof(valueIndex)),
    };

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
