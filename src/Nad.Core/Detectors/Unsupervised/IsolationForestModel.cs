using System.Buffers;
using System.Runtime.CompilerServices;
using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// A fitted Isolation Forest behind <see cref="IScoringModel"/>: encodes each record (and, with
/// the frequency encoding, folds its one-hot groups) into stack buffers and walks the forest,
/// so scoring one record allocates nothing but its result.
/// </summary>
public sealed class IsolationForestModel : IScoringModel
{
    public IsolationForestModel(FeatureEncoder encoder, CategoryFrequencyMap? frequencies, IsolationForest forest)
    {
        if (frequencies is not null && frequencies.InputDimension != encoder.Dimension)
            throw new ArgumentException($"The encoder makes {encoder.Dimension} features but the frequency map expects {frequencies.InputDimension}.");
        var features = frequencies?.OutputDimension ?? encoder.Dimension;
        if (features != forest.Dimension)
            throw new ArgumentException($"The forest expects {forest.Dimension} features but gets {features}.");
        Encoder = encoder;
        Frequencies = frequencies;
        _mapsRecords = frequencies?.Fits(encoder) == true;
        Forest = forest;
    }

    public FeatureEncoder Encoder { get; }

    // Records go straight to frequency rows (no one-hot vector in between) when the map fits the encoder: every model this NAD trains.
    private readonly bool _mapsRecords;

    /// <summary>Folds one-hot groups into frequency columns before the forest; null for plain one-hot.</summary>
    public CategoryFrequencyMap? Frequencies { get; }

    public IsolationForest Forest { get; }

    public double[] Score(IReadOnlyList<ConnectionRecord> records)
    {
        if (records.Count == 1) return [ScoreOne(records[0])];
        var scores = new double[records.Count];
        BatchChunks.For(records.Count, (from, to) => ScoreRange(records, scores, from, to));
        return scores;
    }

    // Encoded (and frequency-mapped) in blocks that stay in cache for the forest, in pooled buffers:
    // the same rows the whole-batch encoding gave, without a batch-sized matrix per call.
    private const int Block = 256;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimized from the first batch, not after tier-0 runs
    private void ScoreRange(IReadOnlyList<ConnectionRecord> records, double[] scores, int from, int to)
    {
        var width = Forest.Dimension;
        var block = ArrayPool<float>.Shared.Rent(Math.Min(Block, to - from) * width);
        var scratch = NeedsScratch ? ArrayPool<float>.Shared.Rent(Encoder.Dimension) : null;
        try
        {
            for (var start = from; start < to; start += Block)
            {
                var count = Math.Min(Block, to - start);
                for (var i = 0; i < count; i++)
                    ForestRow(records[start + i], block.AsSpan(i * width, width), scratch.AsSpan(0, scratch is null ? 0 : Encoder.Dimension));
                Forest.Score(block.AsSpan(0, count * width), scores.AsSpan(start, count));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(block);
            if (scratch is not null) ArrayPool<float>.Shared.Return(scratch);
        }
    }

    // Only the one-hot-then-map path (a map that does not fit the encoder) needs the whole one-hot row first.
    private bool NeedsScratch => Frequencies is not null && !_mapsRecords;

    // The row the forest sees for one record: straight to frequency columns, the one-hot row itself, or the one-hot row
    // (in scratch) folded by the map.
    private void ForestRow(ConnectionRecord record, Span<float> row, Span<float> scratch)
    {
        if (_mapsRecords) Frequencies!.MapRecord(Encoder, record, row);
        else if (Frequencies is null) Encoder.Encode(record, row);
        else
        {
            Encoder.Encode(record, scratch);
            Frequencies.Map(scratch, row);
        }
    }

    /// <summary>The rows the forest sees: the encoded batch, frequency-mapped if this model uses that.</summary>
    public float[] ForestInput(EncodedBatch batch) => Frequencies?.Map(batch) ?? batch.Values;

    /// <summary>One record, allocation-free: the encoded row lives on the stack.</summary>
    public double ScoreOne(ConnectionRecord record)
    {
        Span<float> row = Forest.Dimension <= 1024 ? stackalloc float[Forest.Dimension] : new float[Forest.Dimension];
        Span<float> scratch = !NeedsScratch ? [] : Encoder.Dimension <= 1024 ? stackalloc float[Encoder.Dimension] : new float[Encoder.Dimension];
        ForestRow(record, row, scratch);
        return Forest.Score(row);
    }

    private const uint Magic = 0x4D464E44; // "DNFM"
    // Format 1 began with the contamination and the threshold (now the manifest's alone); format 2 has neither.
    private const int FormatVersion = 2;

    public void Save(Stream payload) => PayloadFormat.Write(payload, Magic, FormatVersion, writer =>
    {
        writer.Write(Frequencies is not null);
        Frequencies?.Write(writer);
        writer.Flush();
        Forest.Save(payload); // the forest frames itself
    });

    public static IsolationForestModel Load(Stream payload, FeatureEncoder encoder) =>
        PayloadFormat.Read(payload, Magic, 1, FormatVersion, "Isolation Forest model", (reader, version) =>
        {
            if (version == 1)
            {
                reader.ReadDouble(); // contamination
                reader.ReadDouble(); // threshold
            }
            var frequencies = reader.ReadBoolean() ? CategoryFrequencyMap.Read(reader) : null;
            var forest = IsolationForest.Load(payload);
            return new IsolationForestModel(encoder, frequencies, forest);
        });
}
