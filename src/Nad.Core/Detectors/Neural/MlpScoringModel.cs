using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors.Neural;

/// <summary>
/// A trained two-output <see cref="MultilayerPerceptron"/> (class 1 = attack) behind
/// <see cref="IScoringModel"/>. A network with one output per family is an <see cref="MlpFamilyModel"/>: only that
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

    /// <summary>
    /// The saved network as the model its payload makes it: two outputs normal/attack; a trailer of class
    /// names a family model of those classes; five outputs and no trailer NSL-KDD's family model.
    /// </summary>
    public static IScoringModel Load(Stream payload, FeatureEncoder encoder)
    {
        var network = MultilayerPerceptron.Load(payload);
        if (MlpClassNames.Read(payload) is { } classes) return new MlpFamilyModel(network, encoder, classes);
        return network.Classes == FamilyClasses.NslKdd.Count ? new MlpFamilyModel(network, encoder, FamilyClasses.NslKdd) : new MlpScoringModel(network, encoder);
    }

    /// <summary>The model for a freshly trained network: a family model of <paramref name="families"/>, or normal/attack without them.</summary>
    public static IScoringModel For(MultilayerPerceptron network, FeatureEncoder encoder, FamilyClasses? families) =>
        families is null ? new MlpScoringModel(network, encoder) : new MlpFamilyModel(network, encoder, families);
}
