using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors.Neural;

/// <summary>
/// A trained five-output <see cref="MultilayerPerceptron"/> over <see cref="FamilyClasses.All"/>:
/// the family probabilities, and the attack score 1 - P(normal) like every family model.
/// </summary>
public sealed class MlpFamilyModel : IScoringModel, IFamilyClassifier
{
    public MlpFamilyModel(MultilayerPerceptron network, FeatureEncoder encoder)
    {
        MlpOutputs.Check(network, encoder, FamilyClasses.Count, "family");
        Network = network;
        Encoder = encoder;
    }

    public MultilayerPerceptron Network { get; }
    public FeatureEncoder Encoder { get; }
    public IReadOnlyList<AttackFamily> Families => FamilyClasses.All;

    public double[] Score(IReadOnlyList<ConnectionRecord> records) => MlpOutputs.AttackScores(Network, Encoder, records);

    public double[][] FamilyProbabilities(IReadOnlyList<ConnectionRecord> records)
    {
        var p = MlpOutputs.Probabilities(Network, Encoder, records);
        var k = Network.Classes;
        var rows = new double[records.Count][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new double[k];
            for (var c = 0; c < k; c++) rows[i][c] = p[i * k + c];
        }
        return rows;
    }

    public void Save(Stream payload) => Network.Save(payload);
}
