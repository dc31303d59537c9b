using Microsoft.ML;
using Microsoft.ML.Data;
using Nad.Core.Features;

namespace Nad.Core.Detectors.MlNet;

/// <summary>Feeds encoded records to ML.NET as an IDataView with a "Features" vector and a boolean "Label".</summary>
public static class MlNetData
{
    /// <summary>One encoded row as ML.NET sees it.</summary>
    public sealed class Row
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    /// <summary>A schema whose Features vector has the encoder's fixed length (known only at run time).</summary>
    public static SchemaDefinition Schema(int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return schema;
    }

    public static IDataView ToDataView(MLContext ml, EncodedBatch batch, IReadOnlyList<bool>? labels = null)
    {
        var rows = new Row[batch.Rows];
        for (var i = 0; i < batch.Rows; i++)
            rows[i] = new Row { Features = batch.Row(i).ToArray(), Label = labels?[i] ?? false };
        return ml.Data.LoadFromEnumerable(rows, Schema(batch.Dimension));
    }
}
