using Nad.Core.Records;

namespace Nad.Core.Exploration;

/// <summary>The numeric values of a dataset's records as columns (one array per value: NSL-KDD's 38, or a schema's numeric columns and missing indicators), for column-wise statistics.</summary>
internal sealed class NumericColumns
{
    private readonly double[][] _columns;
    private readonly RecordSchema _schema;

    public NumericColumns(ConnectionDataset data)
    {
        _schema = data.Schema;
        _columns = new double[data.Schema.NumericFeatureNames.Count][];
        for (var c = 0; c < _columns.Length; c++) _columns[c] = new double[data.Count];
        for (var r = 0; r < data.Count; r++)
        {
            var values = data.Records[r].Numeric;
            for (var c = 0; c < values.Length; c++) _columns[c][r] = values[c];
        }
    }

    public double[] this[FeatureColumn column] => _columns[column.ValueIndex];

    public double[] this[string name] => this[_schema.FeatureColumns.First(c => c.Name == name)];

    /// <summary>The values of <paramref name="column"/> at <paramref name="rows"/>.</summary>
    public double[] Select(FeatureColumn column, int[] rows)
    {
        var source = this[column];
        var values = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++) values[i] = source[rows[i]];
        return values;
    }
}
