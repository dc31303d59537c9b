using Nad.Core.Detectors;
using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Ensembles;

/// <summary>
/// A supervised model OR an anomaly detector: a record is an attack when either flags it. The
/// supervised model catches the attacks it was trained on; the anomaly detector, trained on
/// normal traffic only, catches what looks unlike normal traffic, including attacks never seen
/// in training. Each member's score is divided by its own threshold, so the combined score
/// max(supervised/t1, anomaly/t2) crosses 1 exactly when one of them crosses its threshold.
/// </summary>
public sealed class HybridModel(EnsembleMember supervised, double supervisedThreshold, EnsembleMember anomaly, double anomalyThreshold, FeatureEncoder encoder)
    : IScoringModel
{
    private const uint Magic = 0x44594844; // "DHYD": NAD hybrid

    public EnsembleMember Supervised { get; } = supervised;
    public double SupervisedThreshold { get; } = supervisedThreshold > 0 ? supervisedThreshold
        : throw new ArgumentOutOfRangeException(nameof(supervisedThreshold), "A hybrid member's threshold must be above 0.");
    public EnsembleMember Anomaly { get; } = anomaly;
    public double AnomalyThreshold { get; } = anomalyThreshold > 0 ? anomalyThreshold
        : throw new ArgumentOutOfRangeException(nameof(anomalyThreshold), "A hybrid member's threshold must be above 0.");

    /// <summary>The encoding of the whole training file (for unseen-category reports); members encode for themselves.</summary>
    public FeatureEncoder Encoder { get; } = encoder;

    public double[] Score(IReadOnlyList<ConnectionRecord> records)
    {
        // Under the parallel cut (a request, one record) BatchChunks would make one range of it anyway: skip its closure and view.
        if (records.Count < BatchChunks.ParallelFrom) return Combine(Supervised.Scorer.Score(records), Anomaly.Scorer.Score(records));
        var combined = new double[records.Count];
        // Both members score each chunk while its records are in cache; a chunk is under the members'
        // own parallel cut, so each scores it on this chunk's thread.
        BatchChunks.For(records.Count, (from, to) =>
        {
            var chunk = new RecordSlice(records, from, to - from);
            Combine(Supervised.Scorer.Score(chunk), Anomaly.Scorer.Score(chunk)).CopyTo(combined, from);
        });
        return combined;
    }

    // Into the supervised member's array (each member's Score returns a fresh one).
    private double[] Combine(double[] supervised, double[] anomaly)
    {
        for (var i = 0; i < supervised.Length; i++)
            supervised[i] = Math.Max(supervised[i] / SupervisedThreshold, anomaly[i] / AnomalyThreshold);
        return supervised;
    }

    public void Save(Stream payload) => PayloadFormat.Write(payload, Magic, 1, writer =>
    {
        writer.Write(SupervisedThreshold);
        writer.Write(AnomalyThreshold);
        Supervised.Write(writer, payload);
        Anomaly.Write(writer, payload);
    });

    public static HybridModel Load(Stream payload, FeatureEncoder encoder, IModelCatalog catalog) =>
        PayloadFormat.Read(payload, Magic, 1, "hybrid model", reader =>
        {
            var supervisedThreshold = reader.ReadDouble();
            var anomalyThreshold = reader.ReadDouble();
            var supervised = EnsembleMember.Read(reader, payload, 0, catalog);
            var anomaly = EnsembleMember.Read(reader, payload, 1, catalog);
            return new HybridModel(supervised, supervisedThreshold, anomaly, anomalyThreshold, encoder);
        });
}
