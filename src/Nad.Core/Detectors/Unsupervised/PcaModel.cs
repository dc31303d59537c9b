using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// PCA as an anomaly detector: the score is a record's squared distance to the principal
/// subspace of the training rows (reconstruction error). The threshold is the trainer's
/// contamination rule's, on the training scores; the model holds none.
/// </summary>
public sealed class PcaModel(FeatureEncoder encoder, PrincipalComponents components) : IScoringModel
{
    public FeatureEncoder Encoder { get; } = encoder.Dimension == components.Dimension ? encoder
        : throw new ArgumentException($"The encoder makes {encoder.Dimension} features but the PCA expects {components.Dimension}.");

    public PrincipalComponents Components { get; } = components;

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
    // Format 1 began with the threshold (now the manifest's alone); format 2 has none.
    private const int FormatVersion = 2;

    public void Save(Stream payload) => PayloadFormat.Write(payload, Magic, FormatVersion, Components.Write);

    public static PcaModel Load(Stream payload, FeatureEncoder encoder) =>
        PayloadFormat.Read(payload, Magic, 1, FormatVersion, "PCA model", (reader, version) =>
        {
            if (version == 1) reader.ReadDouble();
            return new PcaModel(encoder, PrincipalComponents.Read(reader));
        });
}
