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

    public void Save(Stream payload)
    {
        using var writer = new BinaryWriter(payload, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(1);
        writer.Write(ProposedThreshold ?? double.NaN);
        Knn.Write(writer);
    }

    public static KnnModel Load(Stream payload, FeatureEncoder encoder)
    {
        using var reader = new BinaryReader(payload, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            if (reader.ReadUInt32() != Magic || reader.ReadInt32() != 1) throw new InvalidDataException("not a kNN model payload (or a newer version)");
            var threshold = reader.ReadDouble();
            return new KnnModel(encoder, KnnDistance.Read(reader), threshold);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("kNN model payload is truncated", e);
        }
    }
}
