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

    /// <summary>One encoded row for a multi-class (family) trainer: the class name (mapped to a key in the pipeline) and a row weight.</summary>
    public sealed class ClassRow
    {
        public float[] Features { get; set; } = [];
        public string Label { get; set; } = "";
        public float Weight { get; set; } = 1;
    }

    public const string FeaturesColumn = nameof(Row.Features);
    public const string LabelColumn = nameof(Row.Label);
    public const string WeightColumn = nameof(ClassRow.Weight);

    /// <summary>A schema whose Features vector has the encoder's fixed length (known only at run time).</summary>
    public static SchemaDefinition Schema(int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return schema;
    }

    /// <summary>The multi-class schema: fixed-length features, a text label and a weight.</summary>
    public static SchemaDefinition ClassSchema(int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(ClassRow));
        schema[nameof(ClassRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return schema;
    }

    public static IDataView ToDataView(MLContext ml, EncodedBatch batch, IReadOnlyList<bool>? labels = null)
    {
        var rows = new Row[batch.Rows];
        for (var i = 0; i < batch.Rows; i++)
            rows[i] = new Row { Features = batch.Row(i).ToArray(), Label = labels?[i] ?? false };
        return ml.Data.LoadFromEnumerable(rows, Schema(batch.Dimension));
    }

    /// <summary>Rows for a multi-class trainer; <paramref name="classes"/> are class names, null when only scoring.</summary>
    public static IDataView ToClassDataView(MLContext ml, EncodedBatch batch, IReadOnlyList<string>? classes = null, IReadOnlyList<float>? weights = null)
    {
        var rows = new ClassRow[batch.Rows];
        for (var i = 0; i < batch.Rows; i++)
            rows[i] = new ClassRow { Features = batch.Row(i).ToArray(), Label = classes?[i] ?? "", Weight = weights?[i] ?? 1 };
        return ml.Data.LoadFromEnumerable(rows, ClassSchema(batch.Dimension));
    }
}
