using System.Buffers;
using System.Runtime.CompilerServices;
using Nad.Core.Detectors.Calibration;
using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors.Trees;

/// <summary>
/// A tree ensemble trained by ML.NET, scored by NAD: encoder → <see cref="FlatTreeEnsemble"/> →
/// <see cref="PlattScaling"/> → attack probability. Allocation-free per record, thread-safe,
/// and batches are split over all cores.
/// </summary>
public sealed class TreeEnsembleModel(FeatureEncoder encoder, FlatTreeEnsemble trees, PlattScaling calibration) : IScoringModel
{
    internal const uint Magic = 0x45525444; // "DTRE": NAD tree ensemble

    public FeatureEncoder Encoder { get; } = encoder;
    public FlatTreeEnsemble Trees { get; } = trees;
    public PlattScaling Calibration { get; } = calibration;

    public double[] Score(IReadOnlyList<ConnectionRecord> records)
    {
        var scores = new double[records.Count];
        BatchChunks.For(records.Count, (from, to) => ScoreRange(records, scores, from, to));
        return scores;
    }

    // Rows are encoded and scored in blocks: the encoded block (256 rows x ~120 floats) stays in cache
    // for the trees' batch form.
    private const int Block = 256;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimized from the first batch, not after tier-0 runs
    private void ScoreRange(IReadOnlyList<ConnectionRecord> records, double[] scores, int from, int to)
    {
        var dimension = Encoder.Dimension;
        var buffer = ArrayPool<float>.Shared.Rent(Math.Min(Block, to - from) * dimension); // one record needs one row
        try
        {
            for (var start = from; start < to; start += Block)
            {
                var count = Math.Min(Block, to - start);
                for (var i = 0; i < count; i++)
                    Encoder.Encode(records[start + i], buffer.AsSpan(i * dimension, dimension));
                var sums = scores.AsSpan(start, count);
                Trees.EvaluateBatch(buffer, dimension, sums);
                foreach (ref var score in sums) score = Calibration.Probability(score);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    public void Save(Stream payload) => PayloadFormat.Write(payload, Magic, 1, writer =>
    {
        writer.Write(Calibration.A);
        writer.Write(Calibration.B);
        Trees.Write(writer);
    });

    public static TreeEnsembleModel Load(Stream payload, FeatureEncoder encoder) =>
        PayloadFormat.Read(payload, Magic, 1, "tree-ensemble model", reader =>
        {
            var calibration = new PlattScaling(reader.ReadDouble(), reader.ReadDouble());
            return new TreeEnsembleModel(encoder, FlatTreeEnsemble.Read(reader, encoder.Dimension), calibration);
        });
}
