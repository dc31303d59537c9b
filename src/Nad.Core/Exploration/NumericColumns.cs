using Nad.Core.Records;

namespace Nad.Core.Exploration;

/// <summary>The 38 numeric features of a dataset as columns (one array per feature), for column-wise statistics.</summary>
internal sealed class NumericColumns
{
    private readonly double[][] _columns;

    public NumericColumns(ConnectionDataset data)
    {
        _columns = new double[NslKddSchema.NumericCount][];
        for (var c = 0; c < _columns.Length; c++) _columns[c] = new double[data.Count];
        for (var r = 0; r < data.Count; r++)
        {
            var values = data.Records[r].Numeric;
            for (var c = 0; c < values.Length; c++) _columns[c][r] = values[c];
        }
    }

    public double[] this[FeatureColumn column] => _columns[column.ValueIndex];

    public double[] this[string name] => this[NslKddSchema.Get(name)];

    /// <summary>The values of <paramref name="column"/> at <paramref name="rows"/>.</summary>
    public double[] Select(FeatureColumn column, int[] rows)
    {
        var source = this[column];
        var values = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++) values[i] = source[rows[i]];
        return values;
    }
}
