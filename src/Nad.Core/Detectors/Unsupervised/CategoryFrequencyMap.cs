using System.Runtime.CompilerServices;
using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// Replaces each one-hot group of a <see cref="FeatureEncoder"/> vector by one column: how
/// often that value occurred in training (0 for unseen values). An Isolation Forest picks
/// split columns uniformly, so with one-hot most picks land on a column that is 0 almost
/// everywhere (84 of 122); a frequency column is one pick that separates rare services and
/// flags from common ones. Measured on NSL-KDD: ROC-AUC up from 0.892 to 0.904 (all rows) and
/// 0.948 to 0.950 (normal rows), KDDTest-21 up 0.02-0.04, with less spread across seeds.
/// </summary>
public sealed class CategoryFrequencyMap
{
    private readonly int[] _groupStarts;
    private readonly int[] _groupLengths;
    private readonly float[] _slotFrequencies;
    private readonly int _numericStart;

    public CategoryFrequencyMap(int[] groupStarts, int[] groupLengths, float[] slotFrequencies)
    {
        if (groupStarts.Length != groupLengths.Length) throw new ArgumentException("One start per group length.");
        _groupStarts = groupStarts;
        _groupLengths = groupLengths;
        _slotFrequencies = slotFrequencies;
        _numericStart = groupStarts.Length == 0 ? 0 : groupStarts[^1] + groupLengths[^1];
        if (_numericStart > slotFrequencies.Length) throw new ArgumentException("The groups do not fit in the encoded vector.");
        InputDimension = slotFrequencies.Length;
        OutputDimension = groupStarts.Length + InputDimension - _numericStart;
    }

    public int InputDimension { get; }
    public int OutputDimension { get; }

    /// <summary>Learns each categorical value's share of the training rows from their one-hot encoding.</summary>
    public static CategoryFrequencyMap Fit(FeatureEncoder encoder, EncodedBatch batch)
    {
        if (encoder.Means is not null) throw new ArgumentException("The frequency map reads raw one-hot columns; use an unstandardized encoder.");
        var starts = new int[encoder.Vocabularies.Count];
        var lengths = new int[starts.Length];
        var offset = 0;
        for (var c = 0; c < starts.Length; c++)
        {
            starts[c] = offset;
            lengths[c] = encoder.Vocabularies[c].Length + 1; // + the unknown slot
            offset += lengths[c];
        }
        var frequencies = new float[encoder.Dimension];
        var counts = new long[offset];
        for (var i = 0; i < batch.Rows; i++)
        {
            var row = batch.Row(i);
            for (var j = 0; j < offset; j++) if (row[j] != 0) counts[j]++;
        }
        for (var j = 0; j < offset; j++) frequencies[j] = (float)((double)counts[j] / Math.Max(1, batch.Rows));
        return new CategoryFrequencyMap(starts, lengths, frequencies);
    }

    /// <summary>Maps one encoded row; allocation-free.</summary>
    public void Map(ReadOnlySpan<float> encoded, Span<float> output)
    {
        if (encoded.Length != InputDimension || output.Length != OutputDimension)
            throw new ArgumentException($"Expected {InputDimension} values in and room for {OutputDimension} out.");
        for (var c = 0; c < _groupStarts.Length; c++)
        {
            float value = 0;
            for (int j = _groupStarts[c], end = j + _groupLengths[c]; j < end; j++) value += encoded[j] * _slotFrequencies[j];
            output[c] = value;
        }
        encoded[_numericStart..].CopyTo(output[_groupStarts.Length..]);
    }

    /// <summary>
    /// True when this map's groups are <paramref name="encoder"/>'s one-hot groups and the encoder is
    /// unstandardized: then <see cref="MapRecord"/> gives <see cref="Map(ReadOnlySpan{float}, Span{float})"/>'s
    /// row without the one-hot vector in between.
    /// </summary>
    public bool Fits(FeatureEncoder encoder)
    {
        if (encoder.Means is not null || encoder.Dimension != InputDimension || encoder.Vocabularies.Count != _groupStarts.Length) return false;
        var offset = 0;
        for (var c = 0; c < _groupStarts.Length; c++)
        {
            if (_groupStarts[c] != offset || _groupLengths[c] != encoder.Vocabularies[c].Length + 1) return false;
            offset += _groupLengths[c];
        }
        return true;
    }

    /// <summary>
    /// One record straight to its mapped row (for an encoder this map <see cref="Fits"/>): each group's
    /// column is its value's frequency, bit for bit the one-hot sum (1 × f plus zeros), then the numbers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void MapRecord(FeatureEncoder encoder, ConnectionRecord record, Span<float> output)
    {
        if (output.Length != OutputDimension) throw new ArgumentException($"Expected room for {OutputDimension} values.");
        for (var c = 0; c < _groupStarts.Length; c++) output[c] = _slotFrequencies[encoder.OneHotIndex(record, c)];
        encoder.EncodeNumeric(record, output[_groupStarts.Length..]);
    }

    /// <summary>Maps a row-major batch.</summary>
    public float[] Map(EncodedBatch batch)
    {
        var output = new float[(long)batch.Rows * OutputDimension];
        for (var i = 0; i < batch.Rows; i++) Map(batch.Row(i), output.AsSpan(i * OutputDimension, OutputDimension));
        return output;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_groupStarts.Length);
        for (var c = 0; c < _groupStarts.Length; c++)
        {
            writer.Write(_groupStarts[c]);
            writer.Write(_groupLengths[c]);
        }
        writer.Write(_slotFrequencies.Length);
        foreach (var f in _slotFrequencies) writer.Write(f);
    }

    public static CategoryFrequencyMap Read(BinaryReader reader)
    {
        var groups = reader.ReadInt32();
        if (groups < 0 || groups > 1000) throw new InvalidDataException("category frequency map is damaged");
        var starts = new int[groups];
        var lengths = new int[groups];
        for (var c = 0; c < groups; c++)
        {
            starts[c] = reader.ReadInt32();
            lengths[c] = reader.ReadInt32();
        }
        var slots = reader.ReadInt32();
        if (slots < 0 || slots > 10_000_000) throw new InvalidDataException("category frequency map is damaged");
        var frequencies = new float[slots];
        for (var j = 0; j < slots; j++) frequencies[j] = reader.ReadSingle();
        return new CategoryFrequencyMap(starts, lengths, frequencies);
    }
}
