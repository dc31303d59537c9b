using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors.Neural;

/// <summary>What the two MLP models share: the shape check and the forward pass to probabilities.</summary>
internal static class MlpOutputs
{
    public static void Check(MultilayerPerceptron network, FeatureEncoder encoder, int expectedClasses, string target)
    {
        if (network.Inputs != encoder.Dimension)
            throw new ArgumentException($"The network expects {network.Inputs} inputs but the encoder gives {encoder.Dimension}.");
        if (network.Classes != expectedClasses)
            throw new ArgumentException($"The network has {network.Classes} outputs; a {target} model has {expectedClasses}.");
    }

    /// <summary>Row-major probabilities, <c>network.Classes</c> per record; class 0 is normal.</summary>
    public static float[] Probabilities(MultilayerPerceptron network, FeatureEncoder encoder, IReadOnlyList<ConnectionRecord> records)
    {
        var batch = encoder.EncodeBatch(records);
        return network.PredictProbabilities(batch.Values, batch.Rows);
    }

    /// <summary>1 - P(normal) per record.</summary>
    public static double[] AttackScores(MultilayerPerceptron network, FeatureEncoder encoder, IReadOnlyList<ConnectionRecord> records)
    {
        var probabilities = Probabilities(network, encoder, records);
        var classes = network.Classes;
        var scores = new double[records.Count];
        for (var i = 0; i < scores.Length; i++) scores[i] = 1 - probabilities[i * classes];
        return scores;
    }
}
