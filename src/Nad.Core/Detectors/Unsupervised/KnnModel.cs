using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>kNN distance behind <see cref="IScoringModel"/>: standardized log1p features, mean distance to the k nearest reference rows.</summary>
public sealed class KnnModel(FeatureEncoder encoder, KnnDistance knn) : IScoringModel
{
    public FeatureEncoder Encoder { get; } = encoder.Dimension == knn.Dimension ? encoder
        : throw new ArgumentException($"The encoder makes {encoder.Dimension} features but the kNN reference has {knn.Dimension}.");

    public KnnDistance Knn { get; } = knn;

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
    // Format 1 began with the threshold (now the manifest's alone); format 2 has none.
    private const int FormatVersion = 2;

    public void Save(Stream payload) => PayloadFormat.Write(payload, Magic, FormatVersion, Knn.Write);

    public static KnnModel Load(Stream payload, FeatureEncoder encoder) =>
        PayloadFormat.Read(payload, Magic, 1, FormatVersion, "kNN model", (reader, version) =>
        {
            if (version == 1) reader.ReadDouble();
            return new KnnModel(encoder, KnnDistance.Read(reader));
        });
}
