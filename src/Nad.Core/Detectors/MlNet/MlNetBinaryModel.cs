using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors.MlNet;

/// <summary>
/// An ML.NET binary classifier behind <see cref="IScoringModel"/>: encodes records, runs the
/// transformer, and reads the attack probability from <see cref="ScoreColumn"/>.
/// Batches go through Transform; a single record through a pooled PredictionEngine (which
/// is not thread-safe on its own).
/// </summary>
public sealed class MlNetBinaryModel : IScoringModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly ConcurrentBag<PredictionEngine<MlNetData.Row, Output>> _engines = [];

    public MlNetBinaryModel(MLContext ml, ITransformer transformer, FeatureEncoder encoder)
    {
        _ml = ml;
        _transformer = transformer;
        Encoder = encoder;
    }

    /// <summary>The output column read as the attack probability (0..1).</summary>
    public const string ScoreColumn = "Probability";

    public FeatureEncoder Encoder { get; }
    public ITransformer Transformer => _transformer;

    public double[] Score(IReadOnlyList<ConnectionRecord> records)
    {
        if (records.Count == 0) return [];
        if (records.Count == 1) return [ScoreOne(records[0])];
        var batch = Encoder.EncodeBatch(records);
        var scored = _transformer.Transform(MlNetData.ToDataView(_ml, batch));
        return scored.GetColumn<float>(ScoreColumn).Select(s => (double)s).ToArray();
    }

    private double ScoreOne(ConnectionRecord record)
    {
        if (!_engines.TryTake(out var engine))
            engine = _ml.Model.CreatePredictionEngine<MlNetData.Row, Output>(_transformer, inputSchemaDefinition: MlNetData.Schema(Encoder.Dimension));
        try
        {
            var features = new float[Encoder.Dimension];
            Encoder.Encode(record, features);
            return engine.Predict(new MlNetData.Row { Features = features }).Probability;
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    public void Save(Stream payload) =>
        _ml.Model.Save(_transformer, MlNetData.ToDataView(_ml, new EncodedBatch([], 0, Encoder.Dimension, 0)).Schema, payload);

    /// <summary>Loads a transformer saved by <see cref="Save"/>.</summary>
    public static MlNetBinaryModel Load(Stream payload, FeatureEncoder encoder, int seed = 0)
    {
        var ml = new MLContext(seed);
        var transformer = ml.Model.Load(payload, out _);
        return new MlNetBinaryModel(ml, transformer, encoder);
    }

    private sealed class Output
    {
        public float Probability { get; set; }
    }
}
