using Nad.Core.Features;
using Nad.Core.ModelFiles;
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
        var scores = new double[records.Count];
        Parallel.For(0, records.Count, i =>
        {
            Span<float> row = stackalloc float[Encoder.Dimension];
            Encoder.Encode(records[i], row);
            scores[i] = Knn.Score(row);
        });
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
