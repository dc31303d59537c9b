using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors.Neural;

/// <summary>
/// A trained two-output <see cref="MultilayerPerceptron"/> (class 1 = attack) behind
/// <see cref="IScoringModel"/>. A five-output network is an <see cref="MlpFamilyModel"/>: only that
/// type is an <see cref="IFamilyClassifier"/>, so "is it a family model" is a type test that cannot lie.
/// </summary>
public sealed class MlpScoringModel : IScoringModel
{
    public MlpScoringModel(MultilayerPerceptron network, FeatureEncoder encoder)
    {
        MlpOutputs.Check(network, encoder, expectedClasses: 2, "attack");
        Network = network;
        Encoder = encoder;
    }

    public MultilayerPerceptron Network { get; }
    public FeatureEncoder Encoder { get; }

    public double[] Score(IReadOnlyList<ConnectionRecord> records) => MlpOutputs.AttackScores(Network, Encoder, records);

    public void Save(Stream payload) => Network.Save(payload);

    /// <summary>The saved network as the model its outputs make it: two outputs normal/attack, five the families.</summary>
    public static IScoringModel Load(Stream payload, FeatureEncoder encoder)
    {
        var network = MultilayerPerceptron.Load(payload);
        return network.Classes == FamilyClasses.Count ? new MlpFamilyModel(network, encoder) : new MlpScoringModel(network, encoder);
    }

    /// <summary>The model for a freshly trained network (two outputs or five).</summary>
    public static IScoringModel For(MultilayerPerceptron network, FeatureEncoder encoder) =>
        network.Classes == FamilyClasses.Count ? new MlpFamilyModel(network, encoder) : new MlpScoringModel(network, encoder);
}
