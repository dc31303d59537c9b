using Nad.Core.Detectors;
using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Ensembles;

/// <summary>
/// A supervised model and an anomaly detector combined by a learned weighting instead of OR:
/// a <see cref="ScoreStacker"/> on (logit of the attack probability, log of the anomaly score),
/// fitted on leave-attack-types-out scores, so that a record moderately suspicious to both
/// members can be flagged while one that only one member finds slightly odd is not. The score is
/// the stacked probability divided by its threshold (so 1 is the cut, as for <see cref="HybridModel"/>).
/// </summary>
public sealed class StackedHybridModel(EnsembleMember supervised, EnsembleMember anomaly, ScoreStacker stacker, double stackThreshold, FeatureEncoder encoder)
    : IScoringModel
{
    public const uint Magic = 0x53594844; // "DHYS": NAD stacked hybrid

    public EnsembleMember Supervised { get; } = supervised;
    public EnsembleMember Anomaly { get; } = anomaly;
    public ScoreStacker Stacker { get; } = stacker;
    public double StackThreshold { get; } = stackThreshold > 0 ? stackThreshold
        : throw new ArgumentOutOfRangeException(nameof(stackThreshold), "A stacked hybrid's threshold must be above 0.");

    public FeatureEncoder Encoder { get; } = encoder;

    /// <summary>The stacker's inputs: probabilities as log-odds, anomaly scores (0 or more) on a log scale.</summary>
    public static double SupervisedInput(double probability) => Math.Log(Math.Clamp(probability, 1e-6, 1 - 1e-6) / (1 - Math.Clamp(probability, 1e-6, 1 - 1e-6)));

    public static double AnomalyInput(double score) => Math.Log(Math.Max(score, 0) + 1e-6);

    public double[] Score(IReadOnlyList<ConnectionRecord> records)
    {
        var supervised = Supervised.Scorer.Score(records);
        var anomaly = Anomaly.Scorer.Score(records);
        var combined = new double[records.Count];
        for (var i = 0; i < combined.Length; i++)
            combined[i] = Stacker.Probability(SupervisedInput(supervised[i]), AnomalyInput(anomaly[i])) / StackThreshold;
        return combined;
    }

    public void Save(Stream payload) => PayloadFormat.Write(payload, Magic, 1, writer =>
    {
        writer.Write(Stacker.Bias);
        writer.Write(Stacker.Weight1);
        writer.Write(Stacker.Weight2);
        writer.Write(StackThreshold);
        Supervised.Write(writer, payload);
        Anomaly.Write(writer, payload);
    });

    public static bool IsStackedPayload(Stream payload) => PayloadFormat.StartsWith(payload, Magic);

    public static StackedHybridModel Load(Stream payload, FeatureEncoder encoder, IModelCatalog catalog) =>
        PayloadFormat.Read(payload, Magic, 1, "stacked hybrid model", reader =>
        {
            var stacker = new ScoreStacker(reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
            var threshold = reader.ReadDouble();
            var supervised = EnsembleMember.Read(reader, payload, 0, catalog);
            var anomaly = EnsembleMember.Read(reader, payload, 1, catalog);
            return new StackedHybridModel(supervised, anomaly, stacker, threshold, encoder);
        });
}
