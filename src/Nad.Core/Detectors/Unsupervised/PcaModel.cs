using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// PCA as an anomaly detector: the score is a record's squared distance to the principal
/// subspace of the training rows (reconstruction error); the threshold proposed is the
/// contamination percentile of the training scores.
/// </summary>
public sealed class PcaModel(FeatureEncoder encoder, PrincipalComponents components, double threshold) : IScoringModel
{
    public FeatureEncoder Encoder { get; } = encoder.Dimension == components.Dimension ? encoder
        : throw new ArgumentException($"The encoder makes {encoder.Dimension} features but the PCA expects {components.Dimension}.");

    public PrincipalComponents Components { get; } = components;
    public double? ProposedThreshold { get; } = threshold;

    public double[] Score(IReadOnlyList<ConnectionRecord> records)
    {
        var scores = new double[records.Count];
        Parallel.For(0, (records.Count + 511) / 512, chunk =>
        {
            Span<float> row = stackalloc float[Encoder.Dimension];
            Span<float> centered = stackalloc float[Encoder.Dimension];
            for (int i = chunk * 512, end = Math.Min(records.Count, i + 512); i < end; i++)
            {
                Encoder.Encode(records[i], row);
                scores[i] = Components.ReconstructionError(row, centered);
            }
        });
        return scores;
    }

    /// <summary>Reconstruction errors of already-encoded rows.</summary>
    public static double[] Errors(PrincipalComponents components, float[] values)
    {
        var rows = values.Length / components.Dimension;
        var scores = new double[rows];
        var centered = new float[components.Dimension];
        for (var i = 0; i < rows; i++) scores[i] = components.ReconstructionError(values.AsSpan(i * components.Dimension, components.Dimension), centered);
        return scores;
    }

    private const uint Magic = 0x41434E44; // "DNCA"

    public void Save(Stream payload) => PayloadFormat.Write(payload, Magic, 1, writer =>
    {
        writer.Write(ProposedThreshold ?? double.NaN);
        Components.Write(writer);
    });

    public static PcaModel Load(Stream payload, FeatureEncoder encoder) =>
        PayloadFormat.Read(payload, Magic, 1, "PCA model", reader =>
        {
            var threshold = reader.ReadDouble();
            return new PcaModel(encoder, PrincipalComponents.Read(reader), threshold);
        });
}
