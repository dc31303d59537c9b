using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// Records → the first few principal components of their one-hot + log1p features
/// (standardized by default): the low-dimensional space DBSCAN clusters in, where a k-d tree
/// still prunes.
/// </summary>
public sealed class PcaProjection
{
    public PcaProjection(FeatureEncoder encoder, PrincipalComponents components)
    {
        if (encoder.Dimension != components.Dimension)
            throw new ArgumentException($"The encoder makes {encoder.Dimension} features but the PCA expects {components.Dimension}.");
        Encoder = encoder;
        Components = components;
    }

    public FeatureEncoder Encoder { get; }
    public PrincipalComponents Components { get; }

    /// <summary>Output dimensions.</summary>
    public int Dimension => Components.Count;

    /// <summary>Fits the encoder and the PCA on <paramref name="records"/> and returns their coordinates too (rows × <paramref name="components"/>).</summary>
    public static (PcaProjection Projection, float[] Coordinates) Fit(IReadOnlyList<ConnectionRecord> records, int components, bool standardize)
    {
        var encoder = FeatureEncoder.Fit(records, new FeatureEncoderOptions { Standardize = standardize });
        if (components > encoder.Dimension)
            throw new ArgumentException($"Parameter 'components' is {components}; the features have only {encoder.Dimension} dimensions.");
        var batch = encoder.EncodeBatch(records);
        var pca = PrincipalComponents.Fit(batch.Values, batch.Rows, batch.Dimension, 1).Leading(components);
        var projection = new PcaProjection(encoder, pca);
        return (projection, projection.ProjectEncoded(batch.Values));
    }

    /// <summary>Coordinates of records, rows × <see cref="Dimension"/>, row-major.</summary>
    public float[] Project(IReadOnlyList<ConnectionRecord> records)
    {
        var coordinates = new float[records.Count * Dimension];
        Parallel.For(0, (records.Count + 511) / 512, chunk =>
        {
            Span<float> row = stackalloc float[Encoder.Dimension];
            Span<float> centered = stackalloc float[Encoder.Dimension];
            for (int i = chunk * 512, end = Math.Min(records.Count, i + 512); i < end; i++)
            {
                Encoder.Encode(records[i], row);
                Components.Project(row, centered, coordinates.AsSpan(i * Dimension, Dimension));
            }
        });
        return coordinates;
    }

    /// <summary>Coordinates of already-encoded rows.</summary>
    public float[] ProjectEncoded(float[] encoded)
    {
        var rows = encoded.Length / Encoder.Dimension;
        var coordinates = new float[rows * Dimension];
        Parallel.For(0, (rows + 511) / 512, chunk =>
        {
            var centered = new float[Encoder.Dimension];
            for (int i = chunk * 512, end = Math.Min(rows, i + 512); i < end; i++)
                Components.Project(encoded.AsSpan(i * Encoder.Dimension, Encoder.Dimension), centered, coordinates.AsSpan(i * Dimension, Dimension));
        });
        return coordinates;
    }
}
