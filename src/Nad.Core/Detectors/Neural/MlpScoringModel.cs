using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors.Neural;

/// <summary>
/// A trained <see cref="MultilayerPerceptron"/> behind <see cref="IScoringModel"/>. With two
/// outputs it is a normal/attack model (class 1 = attack); with five it classifies families
/// (<see cref="FamilyClasses.All"/>) and the attack score is 1 - P(normal).
/// </summary>
public sealed class MlpScoringModel : IScoringModel, IFamilyClassifier
{
    public MlpScoringModel(MultilayerPerceptron network, FeatureEncoder encoder)
    {
        if (network.Inputs != encoder.Dimension)
            throw new ArgumentException($"The network expects {network.Inputs} inputs but the encoder gives {encoder.Dimension}.");
        if (network.Classes != 2 && network.Classes != FamilyClasses.Count)
            throw new ArgumentException($"The network has {network.Classes} outputs; expected 2 (attack) or {FamilyClasses.Count} (family).");
        Network = network;
        Encoder = encoder;
    }

    public MultilayerPerceptron Network { get; }
    public FeatureEncoder Encoder { get; }
    public bool IsFamilyModel => Network.Classes == FamilyClasses.Count;
    public IReadOnlyList<AttackFamily> Families => IsFamilyModel ? FamilyClasses.All : [];

    public double[] Score(IReadOnlyList<ConnectionRecord> records)
    {
        var probabilities = Probabilities(records);
        var classes = Network.Classes;
        var scores = new double[records.Count];
        for (var i = 0; i < scores.Length; i++) scores[i] = 1 - probabilities[i * classes];
        return scores;
    }

    public double[][] FamilyProbabilities(IReadOnlyList<ConnectionRecord> records)
    {
        if (!IsFamilyModel) throw new InvalidOperationException("This neural network was trained for normal/attack, not families.");
        var p = Probabilities(records);
        var k = Network.Classes;
        return Enumerable.Range(0, records.Count).Select(i => p.AsSpan(i * k, k).ToArray().Select(v => (double)v).ToArray()).ToArray();
    }

    private float[] Probabilities(IReadOnlyList<ConnectionRecord> records)
    {
        var batch = Encoder.EncodeBatch(records);
        return Network.PredictProbabilities(batch.Values, batch.Rows);
    }

    public void Save(Stream payload) => Network.Save(payload);

    public static MlpScoringModel Load(Stream payload, FeatureEncoder encoder) => new(MultilayerPerceptron.Load(payload), encoder);
}
