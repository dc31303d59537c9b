using System.Runtime.CompilerServices;
using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Nad.Core.Records;

namespace Nad.Core.Features;

/// <summary>
/// Turns records into fixed-length float vectors, learned from training data and stored with
/// every model: one-hot for the categorical columns (with one extra "unknown" slot each, so a value
/// never seen in training cannot crash prediction; at most <see cref="MaxCategories"/> values kept
/// per column for schemas other than NSL-KDD), log1p for NSL-KDD's byte and count columns (they
/// span nine orders of magnitude) and a signed log1p for every numeric column of other schemas
/// (flow rates can be negative), rates, binaries and missing indicators as they are; optionally standardized.
/// An NSL-KDD encoder stores only vocabularies and scaling (its column facts are <see cref="NslKddSchema"/>'s),
/// so its JSON and its vectors are what they were before schemas existed.
/// </summary>
public sealed class FeatureEncoder
{
    public const string UnknownSymbol = "<unknown>";

    /// <summary>The most categorical values one-hot encoded per column (the most frequent ones); the rest share the unknown slot.</summary>
    public const int MaxCategories = 100;

    [JsonConstructor]
    public FeatureEncoder(
        IReadOnlyList<string[]> vocabularies, bool logScale, double[]? means, double[]? scales,
        string[]? categoricalNames = null, string[]? numericNames = null, bool[]? logColumns = null)
    {
        if ((categoricalNames is null) != (numericNames is null) || (numericNames is null) != (logColumns is null))
            throw new ArgumentException("Categorical names, numeric names and log columns come together (or none, for NSL-KDD).");
        CategoricalNames = categoricalNames;
        NumericNames = numericNames;
        LogColumns = logColumns;
        _categoricalNames = categoricalNames ?? [.. NslKddSchema.CategoricalColumns.Select(c => c.Name)];
        _numericNames = numericNames ?? [.. NslKddSchema.NumericColumns.Select(c => c.Name)];
        if (logColumns is not null && logColumns.Length != _numericNames.Length)
            throw new ArgumentException("One log flag per numeric column.", nameof(logColumns));
        if (vocabularies.Count != _categoricalNames.Length)
            throw new ArgumentException("One vocabulary per categorical column.", nameof(vocabularies));
        Vocabularies = vocabularies;
        LogScale = logScale;
        Means = means;
        Scales = scales;
        // Frozen: built once, read for every record; its lookups hash less of the key than a Dictionary's.
        _lookups = vocabularies.Select(v => v.Select((s, i) => (s, i)).ToFrozenDictionary(p => p.s, p => p.i, StringComparer.Ordinal)).ToArray();
        _offsets = new int[vocabularies.Count];
        var offset = 0;
        for (var c = 0; c < vocabularies.Count; c++)
        {
            _offsets[c] = offset;
            offset += vocabularies[c].Length + 1;
        }
        _numericOffset = offset;
        NumericCount = _numericNames.Length;
        Dimension = offset + NumericCount;
        _unknownSlot = vocabularies.Select((v, c) => _offsets[c] + v.Length).ToArray();
        _logColumn = logColumns is null
            ? NslKddSchema.NumericColumns.Select(c => logScale && c.Kind is FeatureKind.Bytes or FeatureKind.Count).ToArray()
            : logColumns.Select(l => logScale && l).ToArray();
        if (means is not null && (means.Length != Dimension || scales is null || scales.Length != Dimension))
            throw new ArgumentException("Means and scales need one value per encoded feature.");
        FeatureNames = BuildNames();
    }

    private readonly string[] _categoricalNames;
    private readonly string[] _numericNames;
    private readonly FrozenDictionary<string, int>[] _lookups;
    private readonly int[] _offsets;
    private readonly int _numericOffset;
    // Per-record work reads only these arrays (no interface lists): encoding is half of batch scoring.
    private readonly int[] _unknownSlot;
    private readonly bool[] _logColumn;

    /// <summary>The categorical values seen in training, per categorical column, sorted.</summary>
    public IReadOnlyList<string[]> Vocabularies { get; }
    /// <summary>Whether byte and count columns are log1p-scaled.</summary>
    public bool LogScale { get; }
    /// <summary>Per encoded feature mean (after log scaling), when standardized.</summary>
    public double[]? Means { get; }
    /// <summary>Per encoded feature 1/standard deviation, when standardized.</summary>
    public double[]? Scales { get; }

    /// <summary>The categorical columns' names; null for NSL-KDD (its three columns).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string[]? CategoricalNames { get; }
    /// <summary>The numeric values' names (missing indicators included); null for NSL-KDD (its 38 columns).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string[]? NumericNames { get; }
    /// <summary>Which numeric values get the signed log1p (when <see cref="LogScale"/>); null for NSL-KDD (bytes and counts).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool[]? LogColumns { get; }

    /// <summary>How many numeric values a record must have.</summary>
    [JsonIgnore] public int NumericCount { get; }

    /// <summary>Length of every encoded vector.</summary>
    [JsonIgnore] public int Dimension { get; }
    /// <summary>A readable name for each encoded feature: "service=http", "srcbytes (log1p)".</summary>
    [JsonIgnore] public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Learns vocabularies (and, if asked, means and scales) from training records.</summary>
    public static FeatureEncoder Fit(IReadOnlyList<ConnectionRecord> records, FeatureEncoderOptions? options = null)
    {
        options ??= FeatureEncoderOptions.Default;
        if (records.Count == 0) throw new ArgumentException("Cannot learn an encoding from no records.", nameof(records));
        var schema = records[0].Schema;
        if (schema.IsNslKdd)
        {
            var vocabularies = NslKddSchema.CategoricalColumns
                .Select(c => records.Select(r => r.Categorical(c.ValueIndex)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray())
                .ToArray();
            var encoder = new FeatureEncoder(vocabularies, options.LogScale, null, null);
            if (!options.Standardize) return encoder;
            var (means, scales) = encoder.MomentsOf(records);
            return new FeatureEncoder(vocabularies, options.LogScale, means, scales);
        }
        return FitSchema(schema, records, options);
    }

    // Any other schema: the most frequent values per categorical column, every numeric column signed-log1p, indicators as they are.
    private static FeatureEncoder FitSchema(RecordSchema schema, IReadOnlyList<ConnectionRecord> records, FeatureEncoderOptions options)
    {
        if (records.Any(r => r.Schema != schema))
            throw new ArgumentException($"Records of several schemas cannot share one encoding (expected '{schema.Name}').", nameof(records));
        var vocabularies = Enumerable.Range(0, schema.CategoricalColumns.Count)
            .Select(c => records.CountBy(r => r.Categorical(c), StringComparer.Ordinal)
                .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Take(MaxCategories).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray())
            .ToArray();
        string[] categoricalNames = [.. schema.CategoricalColumns.Select(c => c.Name)];
        string[] numericNames = [.. schema.NumericFeatureNames];
        bool[] logColumns = [.. schema.NumericColumns.Select(_ => true), .. schema.IndicatorColumns.Select(_ => false)];
        var encoder = new FeatureEncoder(vocabularies, options.LogScale, null, null, categoricalNames, numericNames, logColumns);
        if (!options.Standardize) return encoder;
        var (means, scales) = encoder.MomentsOf(records);
        return new FeatureEncoder(vocabularies, options.LogScale, means, scales, categoricalNames, numericNames, logColumns);
    }

    /// <summary>Encodes one record into <paramref name="destination"/>; returns false when a categorical value was unknown.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per record: optimized from the first batch, not after tier-0 runs
    public bool Encode(ConnectionRecord record, Span<float> destination)
    {
        if (destination.Length != Dimension)
            throw new ArgumentException($"Destination must hold {Dimension} values.", nameof(destination));
        if (record.Numeric.Length != NumericCount)
            throw new ArgumentException($"A '{record.Schema.Name}' record has {record.Numeric.Length} numeric values; this encoding was learned on records with {NumericCount}.", nameof(record));
        destination.Clear();
        var known = true;
        for (var c = 0; c < _lookups.Length; c++)
        {
            var index = OneHotIndex(record, c);
            destination[index] = 1f;
            known &= index != _unknownSlot[c];
        }
        EncodeNumbers(record, destination.Slice(_numericOffset, NumericCount));
        if (Means is not null)
        {
            var scales = Scales!;
            for (var j = 0; j < destination.Length; j++)
                destination[j] = (float)((destination[j] - Means[j]) * scales[j]);
        }
        return known;
    }

    /// <summary>Where the record's value of categorical column <paramref name="column"/> sits in the encoded vector (its unknown slot when never seen).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int OneHotIndex(ConnectionRecord record, int column) =>
        _lookups[column].TryGetValue(record.Categorical(column), out var slot) ? _offsets[column] + slot : _unknownSlot[column];

    /// <summary>
    /// The numeric columns as <see cref="Encode"/> writes them after the one-hot groups, for an
    /// unstandardized encoder (standardizing needs the whole vector's position).
    /// </summary>
    public void EncodeNumeric(ConnectionRecord record, Span<float> destination)
    {
        if (Means is not null) throw new InvalidOperationException("A standardized encoder encodes whole vectors only.");
        if (destination.Length != NumericCount)
            throw new ArgumentException($"Destination must hold {NumericCount} values.", nameof(destination));
        EncodeNumbers(record, destination);
    }

    private void EncodeNumbers(ConnectionRecord record, Span<float> target)
    {
        var numeric = record.Numeric.AsSpan();
        var log = _logColumn.AsSpan(0, numeric.Length);
        for (var i = 0; i < numeric.Length; i++)
        {
            var value = numeric[i];
            // Most counts and byte totals are 0 (log(1 + 0) is exactly 0), and connection counts are small
            // integers (at most 511): a table computed by the same expression replaces the call, bit for bit.
            target[i] = !log[i] || value == 0 ? (float)value
                : (uint)(int)value < (uint)SmallLogs.Length && (int)value == value ? SmallLogs[(int)value]
                : value < 0 ? -(float)Math.Log(1 - value) // signed log1p: never for NSL-KDD, whose values are zero or more
                : (float)Math.Log(1 + value);
        }
    }

    // (float)log(1 + k) for the small integers, as the expression above computes it.
    private static readonly float[] SmallLogs = [.. Enumerable.Range(0, 1024).Select(k => (float)Math.Log(1 + (double)k))];

    /// <summary>Encodes a batch into one row-major matrix.</summary>
    public EncodedBatch EncodeBatch(IReadOnlyList<ConnectionRecord> records)
    {
        var values = new float[(long)records.Count * Dimension];
        var unknown = 0;
        for (var i = 0; i < records.Count; i++)
            if (!Encode(records[i], values.AsSpan(i * Dimension, Dimension))) unknown++;
        return new EncodedBatch(values, records.Count, Dimension, unknown);
    }

    /// <summary>How many records carry a categorical value not seen in training.</summary>
    public int CountUnknown(IReadOnlyList<ConnectionRecord> records) => records.Count(HasUnknown);

    /// <summary>True when one of the record's categorical values (NSL-KDD: protocoltype, service, flag) was never seen in training.</summary>
    public bool HasUnknown(ConnectionRecord record)
    {
        for (var c = 0; c < _lookups.Length; c++)
            if (!_lookups[c].ContainsKey(record.Categorical(c))) return true;
        return false;
    }

    private (double[] Means, double[] Scales) MomentsOf(IReadOnlyList<ConnectionRecord> records)
    {
        var sum = new double[Dimension];
        var sumSquares = new double[Dimension];
        var row = new float[Dimension];
        foreach (var record in records)
        {
            Encode(record, row);
            for (var j = 0; j < Dimension; j++)
            {
                sum[j] += row[j];
                sumSquares[j] += (double)row[j] * row[j];
            }
        }
        var means = new double[Dimension];
        var scales = new double[Dimension];
        for (var j = 0; j < Dimension; j++)
        {
            means[j] = sum[j] / records.Count;
            var variance = Math.Max(0, sumSquares[j] / records.Count - means[j] * means[j]);
            // A constant column (numoutboundcmds) keeps scale 1: it stays 0 rather than dividing by zero.
            scales[j] = variance > 1e-12 ? 1 / Math.Sqrt(variance) : 1;
        }
        return (means, scales);
    }

    private string[] BuildNames()
    {
        var names = new List<string>(Dimension);
        for (var c = 0; c < _categoricalNames.Length; c++)
        {
            names.AddRange(Vocabularies[c].Select(v => $"{_categoricalNames[c]}={v}"));
            names.Add($"{_categoricalNames[c]}={UnknownSymbol}");
        }
        names.AddRange(_numericNames.Select((name, i) => _logColumn[i] ? $"{name} (log1p)" : name));
        return [.. names];
    }
}
