using System.Globalization;
using System.Text.Json.Serialization;
using Nad.Core.Records;

namespace Nad.Core.Explanations;

/// <summary>
/// What a typical connection looks like to a model: per numeric value the median, per categorical
/// column the most frequent value, learned from the normal training rows (all rows when the training
/// data has no labels), over the columns of the data's schema (NSL-KDD's 41, UNSW-NB15's 42, CIC's
/// columns and their missing indicators). Stored as <c>baseline.json</c> in the model file; the
/// explainer sets one feature at a time to this value to see how much it moved the score.
/// </summary>
public sealed record NormalBaseline
{
    /// <summary>Said whenever a model file has no baseline (written before explanations existed).</summary>
    public const string MissingMessage = "this model file has no baseline; retrain it with this version";

    /// <summary>Which rows it was learned from ("normal training rows" or "all training rows (no labels)").</summary>
    public required string Source { get; init; }

    public required int Rows { get; init; }

    /// <summary>Column name → median, for every numeric value of a record (NSL-KDD: the 38 numeric columns; others: their indicators too).</summary>
    public required IReadOnlyDictionary<string, double> Numeric { get; init; }

    /// <summary>Column name → most frequent value, for the categorical columns (NSL-KDD: protocoltype, service and flag).</summary>
    public required IReadOnlyDictionary<string, string> Categorical { get; init; }

    /// <summary>The schema whose columns these are (not stored: the model file's schema.json; NSL-KDD for files from before schemas).</summary>
    [JsonIgnore]
    public RecordSchema Schema { get; init; } = BuiltInSchemas.NslKdd;

    private double[]? _numeric;
    private string[]? _categorical;
    private IReadOnlyList<ExplainedFeature>? _features;

    /// <summary>The medians in the order of a record's numeric values.</summary>
    [JsonIgnore]
    public double[] NumericValues => _numeric ??= [.. Schema.NumericFeatureNames.Select(n => Numeric[n])];

    /// <summary>The most frequent values in the order of a record's categorical values.</summary>
    [JsonIgnore]
    public string[] CategoricalValues => _categorical ??= [.. Schema.CategoricalColumns.Select(c => Categorical[c.Name])];

    /// <summary>The features an explanation sets to these values (<see cref="ExplainedFeature.For"/> the schema).</summary>
    [JsonIgnore]
    public IReadOnlyList<ExplainedFeature> Features => _features ??= ExplainedFeature.For(Schema);

    /// <summary>Learns the baseline from the normal rows of <paramref name="data"/>, or from all of them without labels.</summary>
    public static NormalBaseline Learn(ConnectionDataset data)
    {
        var normal = data.HasLabels ? data.NormalOnly() : data;
        var source = data.HasLabels ? "normal training rows" : "all training rows (no labels)";
        if (normal.Count == 0)
            (normal, source) = (data, "all training rows (no normal rows among them)");
        if (normal.Count == 0) throw new ArgumentException($"{data.Source} has no rows to learn a baseline from.");

        var records = normal.Records;
        var numeric = new Dictionary<string, double>(StringComparer.Ordinal);
        var column = new double[records.Count];
        foreach (var feature in data.Schema.FeatureColumns.Where(c => !c.IsCategorical))
        {
            for (var i = 0; i < records.Count; i++) column[i] = records[i].Numeric[feature.ValueIndex];
            numeric[feature.Name] = Median(column);
        }
        var categorical = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var feature in data.Schema.FeatureColumns.Where(c => c.IsCategorical))
            categorical[feature.Name] = records
                .GroupBy(r => r.Categorical(feature.ValueIndex), StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .First().Key;
        return new NormalBaseline { Source = source, Rows = records.Count, Numeric = numeric, Categorical = categorical, Schema = data.Schema };
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first column of <see cref="Schema"/> the baseline lacks or holds an invalid value for.</summary>
    public void Validate()
    {
        // Numeric values first, then categorical columns (as files from before schemas were checked).
        foreach (var feature in Schema.FeatureColumns.OrderBy(c => c.IsCategorical))
        {
            if (feature.IsCategorical)
            {
                if (Categorical is null || !Categorical.TryGetValue(feature.Name, out var text) || string.IsNullOrEmpty(text))
                    throw new ArgumentException($"it has no value for '{feature.Name}'");
                continue;
            }
            if (Numeric is null || !Numeric.TryGetValue(feature.Name, out var value))
                throw new ArgumentException($"it has no value for '{feature.Name}'");
            if (feature.Validate(value) is { } expected)
                throw new ArgumentException($"its '{feature.Name}' is {value}; expected {expected}");
        }
    }

    /// <summary>A copy of <paramref name="record"/> with the given columns set to their baseline values.</summary>
    public ConnectionRecord Apply(ConnectionRecord record, IEnumerable<FeatureColumn> columns)
    {
        var numeric = (double[])record.Numeric.Clone();
        var categorical = new string[record.CategoricalCount];
        for (var c = 0; c < categorical.Length; c++) categorical[c] = record.Categorical(c);
        foreach (var column in columns)
        {
            if (column.IsCategorical) categorical[column.ValueIndex] = CategoricalValues[column.ValueIndex];
            else numeric[column.ValueIndex] = NumericValues[column.ValueIndex];
        }
        return new ConnectionRecord(Schema, categorical, numeric);
    }

    /// <summary>True when <paramref name="record"/> already has the baseline value in <paramref name="column"/>.</summary>
    public bool IsTypical(ConnectionRecord record, FeatureColumn column) => column.IsCategorical
        ? string.Equals(record.Categorical(column.ValueIndex), CategoricalValues[column.ValueIndex], StringComparison.Ordinal)
        : record.Numeric[column.ValueIndex] == NumericValues[column.ValueIndex];

    /// <summary>The baseline value of <paramref name="column"/> as text.</summary>
    public string Display(FeatureColumn column) => column.IsCategorical
        ? CategoricalValues[column.ValueIndex]
        : Format(NumericValues[column.ValueIndex]);

    /// <summary>The record's value of <paramref name="column"/> as text.</summary>
    public static string Display(ConnectionRecord record, FeatureColumn column) => column.IsCategorical
        ? record.Categorical(column.ValueIndex)
        : Format(record.Numeric[column.ValueIndex]);

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    // Numpy's median: the mean of the two middle values for an even count. Sorts the scratch column in place.
    private static double Median(double[] sorted)
    {
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
