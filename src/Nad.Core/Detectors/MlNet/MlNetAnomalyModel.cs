using Microsoft.ML;
using Microsoft.ML.Data;
using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors.MlNet;

/// <summary>
/// An ML.NET anomaly detector (RandomizedPca) behind <see cref="IScoringModel"/>: its "Score"
/// column is the normalized reconstruction error, higher = more anomalous. The payload is a NAD
/// frame followed by the ML.NET model (files before it began with a threshold instead of the frame).
/// </summary>
public sealed class MlNetAnomalyModel(MLContext ml, ITransformer transformer, FeatureEncoder encoder) : IScoringModel
{
    public const string ScoreColumn = "Score";
    private const uint Magic = 0x41504E44; // "DNPA"
    private const int FormatVersion = 2;

    public FeatureEncoder Encoder { get; } = encoder;
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
        PayloadFormat.Write(payload, Magic, FormatVersion, _ => { });
        model.Position = 0;
        model.CopyTo(payload);
    }

    public static MlNetAnomalyModel Load(Stream payload, FeatureEncoder encoder)
    {
        if (PayloadFormat.StartsWith(payload, Magic))
            PayloadFormat.Read(payload, Magic, FormatVersion, "randomized PCA model", _ => 0);
        else
            payload.ReadExactly(new byte[sizeof(double)]); // format 1: the threshold (now the manifest's alone), then the model
        var ml = new MLContext(0);
        // ML.NET reads the rest as a zip: hand it a stream that starts there.
        var rest = new MemoryStream();
        payload.CopyTo(rest);
        rest.Position = 0;
        return new MlNetAnomalyModel(ml, ml.Model.Load(rest, out _), encoder);
    }
}
