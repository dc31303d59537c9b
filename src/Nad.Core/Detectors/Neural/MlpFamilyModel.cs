using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors.Neural;

/// <summary>
/// A trained <see cref="MultilayerPerceptron"/> with one output per family class: the family
/// probabilities, and the attack score 1 - P(normal) like every family model. NSL-KDD's five-output
/// networks are saved as the bare network (as before schemas); any other classes follow it as a
/// trailer of class names (<see cref="MlpClassNames"/>), so a loaded model knows its families.
/// </summary>
public sealed class MlpFamilyModel : IScoringModel, IFamilyClassifier
{
    public MlpFamilyModel(MultilayerPerceptron network, FeatureEncoder encoder, FamilyClasses classes)
    {
        MlpOutputs.Check(network, encoder, classes.Count, "family");
        Network = network;
        Encoder = encoder;
        Classes = classes;
    }

    public MultilayerPerceptron Network { get; }
    public FeatureEncoder Encoder { get; }
    public FamilyClasses Classes { get; }

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

    public void Save(Stream payload)
    {
        Network.Save(payload);
        if (!Classes.IsNslKdd) MlpClassNames.Write(payload, Classes);
    }
}
