using Nad.Core.Detectors;
using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Dashboard.Tests;

/// <summary>
/// A small real unsupervised detector for when the catalog has none (before the Isolation Forest
/// lands): distance of the standardized record to the centre of the normal training rows; the
/// threshold is the 99th percentile of the normal rows' own distances.
/// </summary>
public sealed class NormalCentroidModel : IScoringModel
{
    private readonly float[] _centre;

    public NormalCentroidModel(IReadOnlyList<ConnectionRecord> normal)
    {
        Encoder = FeatureEncoder.Fit(normal, new FeatureEncoderOptions { Standardize = true });
        var batch = Encoder.EncodeBatch(normal);
        _centre = new float[batch.Dimension];
        for (var i = 0; i < batch.Rows; i++)
        {
            var row = batch.Row(i);
            for (var d = 0; d < row.Length; d++) _centre[d] += row[d] / batch.Rows;
        }
        var own = Score(normal).Order().ToArray();
        ProposedThreshold = own[(int)(0.99 * (own.Length - 1))];
    }

    public FeatureEncoder Encoder { get; }
    public double? ProposedThreshold { get; }

    public double[] Score(IReadOnlyList<ConnectionRecord> records)
    {
        var batch = Encoder.EncodeBatch(records);
        var scores = new double[batch.Rows];
        for (var i = 0; i < batch.Rows; i++)
        {
            var row = batch.Row(i);
            double sum = 0;
            for (var d = 0; d < row.Length; d++) sum += (row[d] - _centre[d]) * (row[d] - _centre[d]);
            scores[i] = Math.Sqrt(sum / row.Length);
        }
        return scores;
    }

    public void Save(Stream payload) => throw new NotSupportedException("A test model is never saved.");
}
