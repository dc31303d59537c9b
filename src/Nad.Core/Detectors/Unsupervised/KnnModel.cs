using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>kNN distance behind <see cref="IScoringModel"/>: standardized log1p features, mean distance to the k nearest reference rows.</summary>
public sealed class KnnModel(FeatureEncoder encoder, KnnDistance knn, double threshold) : IScoringModel
{
    public FeatureEncoder Encoder { get; } = encoder.Dimension == knn.Dimension ? encoder
        : throw new ArgumentException($"The encoder makes {encoder.Dimension} features but the kNN reference has {knn.Dimension}.");

    public KnnDistance Knn { get; } = knn;
    public double? ProposedThreshold { get; } = threshold;

    public double[] Score(IReadOnlyList<ConnectionRecord> records)
    {
        // Encoded in batches of 4,096 rows (2 MB), each scored as one blocked distance product.
        var scores = new double[records.Count];
        const int batch = 4096;
        for (var start = 0; start < records.Count; start += batch)
        {
            var count = Math.Min(batch, records.Count - start);
            var values = new float[count * Encoder.Dimension];
            Parallel.For(0, count, i => Encoder.Encode(records[start + i], values.AsSpan(i * Encoder.Dimension, Encoder.Dimension)));
            Knn.ScoreRows(values).CopyTo(scores, start);
        }
        return scores;
    }

    private const uint Magic = 0x4E4B4E44; // "DNKN"

    public void Save(Stream payload) => PayloadFormat.Write(payload, Magic, 1, writer =>
    {
        writer.Write(ProposedThreshold ?? double.NaN);
        Knn.Write(writer);
    });

    public static KnnModel Load(Stream payload, FeatureEncoder encoder) =>
        PayloadFormat.Read(payload, Magic, 1, "kNN model", reader =>
        {
            var threshold = reader.ReadDouble();
            return new KnnModel(encoder, KnnDistance.Read(reader), threshold);
        });
}
