using System.Runtime.CompilerServices;
using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Nad.Core.Records;

namespace Nad.Core.Features;

/// <summary>
/// Turns records into fixed-length float vectors, learned from training data and stored with
/// every model: one-hot for protocoltype, service and flag (with one extra "unknown" slot each,
/// so a value never seen in training cannot crash prediction), log1p for byte and count columns
/// (they span nine orders of magnitude), rates and binaries as they are; optionally standardized.
/// </summary>
public sealed class FeatureEncoder
{
    public const string UnknownSymbol = "<unknown>";

    [JsonConstructor]
    public FeatureEncoder(IReadOnlyList<string[]> vocabularies, bool logScale, double[]? means, double[]? scales)
    {
        if (vocabularies.Count != NslKddSchema.CategoricalColumns.Count)
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
        Dimension = offset + NslKddSchema.NumericCount;
        _unknownSlot = vocabularies.Select((v, c) => _offsets[c] + v.Length).ToArray();
        _logColumn = NslKddSchema.NumericColumns.Select(c => logScale && c.Kind is FeatureKind.Bytes or FeatureKind.Count).ToArray();
        if (means is not null && (means.Length != Dimension || scales is null || scales.Length != Dimension))
            throw new ArgumentException("Means and scales need one value per encoded feature.");
        FeatureNames = BuildNames();
    }

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

    /// <summary>Length of every encoded vector.</summary>
    [JsonIgnore] public int Dimension { get; }
    /// <summary>A readable name for each encoded feature: "service=http", "srcbytes (log1p)".</summary>
    [JsonIgnore] public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Learns vocabularies (and, if asked, means and scales) from training records.</summary>
    public static FeatureEncoder Fit(IReadOnlyList<ConnectionRecord> records, FeatureEncoderOptions? options = null)
    {
        options ??= FeatureEncoderOptions.Default;
        if (records.Count == 0) throw new ArgumentException("Cannot learn an encoding from no records.", nameof(records));
        var vocabularies = NslKddSchema.CategoricalColumns
            .Select(c => records.Select(r => r.Categorical(c.ValueIndex)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray())
            .ToArray();
        var encoder = new FeatureEncoder(vocabularies, options.LogScale, null, null);
        if (!options.Standardize) return encoder;

        var (means, scales) = encoder.MomentsOf(records);
        return new FeatureEncoder(vocabularies, options.LogScale, means, scales);
    }

    /// <summary>Encodes one record into <paramref name="destination"/>; returns false when a categorical value was unknown.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per record: optimized from the first batch, not after tier-0 runs
    public bool Encode(ConnectionRecord record, Span<float> destination)
    {
        if (destination.Length != Dimension)
            throw new ArgumentException($"Destination must hold {Dimension} values.", nameof(destination));
        destination.Clear();
        var known = true;
        for (var c = 0; c < _lookups.Length; c++)
        {
            var index = OneHotIndex(record, c);
            destination[index] = 1f;
            known &= index != _unknownSlot[c];
        }
        EncodeNumbers(record, destination.Slice(_numericOffset, NslKddSchema.NumericCount));
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
        if (destination.Length != NslKddSchema.NumericCount)
            throw new ArgumentException($"Destination must hold {NslKddSchema.NumericCount} values.", nameof(destination));
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

    /// <summary>True when the record's protocoltype, service or flag was never seen in training.</summary>
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
        var categorical = NslKddSchema.CategoricalColumns;
        for (var c = 0; c < categorical.Count; c++)
        {
            names.AddRange(Vocabularies[c].Select(v => $"{categorical[c].Name}={v}"));
            names.Add($"{categorical[c].Name}={UnknownSymbol}");
        }
        names.AddRange(NslKddSchema.NumericColumns.Select(c =>
            LogScale && c.Kind is FeatureKind.Bytes or FeatureKind.Count ? $"{c.Name} (log1p)" : c.Name));
        return [.. names];
    }
}
