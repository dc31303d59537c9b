using Microsoft.ML;
using Microsoft.ML.Data;
using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors.MlNet;

/// <summary>
/// An ML.NET anomaly detector (RandomizedPca) behind <see cref="IScoringModel"/>: its "Score"
/// column is the normalized reconstruction error, higher = more anomalous. The payload is the
/// proposed threshold followed by the ML.NET model.
/// </summary>
public sealed class MlNetAnomalyModel(MLContext ml, ITransformer transformer, FeatureEncoder encoder, double threshold) : IScoringModel
{
    public const string ScoreColumn = "Score";

    public FeatureEncoder Encoder { get; } = encoder;
    public double? ProposedThreshold { get; } = threshold;
    public ITransformer Transformer => transformer;

    public double[] Score(IReadOnlyList<ConnectionRecord> records)
    {
        if (records.Count == 0) return [];
        return Score(Encoder.EncodeBatch(records));
    }

    public double[] Score(EncodedBatch batch)
    {
        lock (ml) // a transformer and its context are not documented as thread-safe
            return transformer.Transform(MlNetData.ToDataView(ml, batch)).GetColumn<float>(ScoreColumn).Select(s => (double)s).ToArray();
    }

    public void Save(Stream payload)
    {
        // ML.NET's zip records absolute offsets: save it on its own, then append it after the header.
        using var model = new MemoryStream();
        ml.Model.Save(transformer, MlNetData.ToDataView(ml, new EncodedBatch([], 0, Encoder.Dimension, 0)).Schema, model);
        using (var writer = new BinaryWriter(payload, System.Text.Encoding.UTF8, leaveOpen: true))
            writer.Write(ProposedThreshold ?? double.NaN);
        model.Position = 0;
        model.CopyTo(payload);
    }

    public static MlNetAnomalyModel Load(Stream payload, FeatureEncoder encoder)
    {
        double threshold;
        using (var reader = new BinaryReader(payload, System.Text.Encoding.UTF8, leaveOpen: true))
            threshold = reader.ReadDouble();
        var ml = new MLContext(0);
        // ML.NET reads the rest as a zip: hand it a stream that starts there.
        var rest = new MemoryStream();
        payload.CopyTo(rest);
        rest.Position = 0;
        return new MlNetAnomalyModel(ml, ml.Model.Load(rest, out _), encoder, threshold);
    }
}
