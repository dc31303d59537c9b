namespace Nad.Core.Records;

/// <summary>
/// One network connection described by the 41 NSL-KDD features: the three categorical ones
/// by name and the 38 numeric ones in <see cref="Numeric"/>, in <see cref="NslKddSchema.NumericColumns"/> order.
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
        ProtocolType = protocolType;
        Service = service;
        Flag = flag;
        Numeric = numeric;
    }

    public string ProtocolType { get; }
    public string Service { get; }
    public string Flag { get; }

    /// <summary>The 38 numeric features in schema order.</summary>
    public double[] Numeric { get; }

    /// <summary>The categorical value for a categorical column's <see cref="FeatureColumn.ValueIndex"/> (0..2).</summary>
    public string Categorical(int valueIndex) => valueIndex switch
    {
        0 => ProtocolType,
        1 => Service,
        2 => Flag,
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
