using Nad.Core.Detectors.Neural;

namespace Nad.Core.Tests.Detectors;

/// <summary>The hand-written MLP against problems whose answer is known.</summary>
public sealed class MultilayerPerceptronTests
{
    [Fact]
    public void Learns_xor_which_no_linear_model_can()
    {
        float[][] points = [[0, 0], [0, 1], [1, 0], [1, 1]];
        int[] xor = [0, 1, 1, 0];
        var rows = Enumerable.Range(0, 200).ToArray();
        var data = new ClassificationData(rows.SelectMany(i => points[i % 4]).ToArray(), rows.Length, 2, rows.Select(i => xor[i % 4]).ToArray());
        var network = MlpFitter.Fit(data, null, 2, new MlpOptions { HiddenLayers = [8], LearningRate = 0.02, BatchSize = 16, MaxEpochs = 300, Seed = 3 });

        var p = network.PredictProbabilities(points.SelectMany(x => x).ToArray(), 4);
        for (var i = 0; i < 4; i++)
            Assert.True(p[i * 2 + xor[i]] > 0.9, $"XOR({points[i][0]}, {points[i][1]}): P(correct) = {p[i * 2 + xor[i]]:0.000}");
    }

    [Fact]
    public void Separates_two_moons_with_early_stopping()
    {
        var train = Moons(1000, seed: 1);
        var stop = Moons(200, seed: 2);
        var test = Moons(1000, seed: 3);
        var network = MlpFitter.Fit(train, stop, 2, new MlpOptions { HiddenLayers = [16, 16], LearningRate = 0.01, BatchSize = 32, MaxEpochs = 200, Patience = 10, Seed = 4 });

        var p = network.PredictProbabilities(test.Features, test.Rows);
        var correct = Enumerable.Range(0, test.Rows).Count(i => (p[i * 2 + 1] >= 0.5 ? 1 : 0) == test.Classes[i]);
        // The best linear boundary gets about 0.87 here; noise 0.1 leaves the moons almost separable.
        Assert.True(correct / (double)test.Rows > 0.97, $"two moons accuracy {correct / (double)test.Rows:P1}");
        Assert.True(MlpFitter.Loss(network, test) < 0.15, $"two moons held-out loss {MlpFitter.Loss(network, test):0.000}");
    }

    [Fact]
    public void Probabilities_sum_to_one_and_save_load_is_exact()
    {
        var network = MultilayerPerceptron.Initialize([5, 7, 3], new Random(1));
        var input = Enumerable.Range(0, 50).Select(i => (float)Math.Sin(i)).ToArray();
        var p = network.PredictProbabilities(input, 10);
        for (var i = 0; i < 10; i++) Assert.Equal(1, p.AsSpan(i * 3, 3).ToArray().Sum(), 5);

        using var stream = new MemoryStream();
        network.Save(stream);
        stream.Position = 0;
        Assert.Equal(p, MultilayerPerceptron.Load(stream).PredictProbabilities(input, 10));
    }

    [Fact]
    public void Loading_garbage_fails_with_a_clear_message()
    {
        var e = Assert.Throws<InvalidDataException>(() => MultilayerPerceptron.Load(new MemoryStream("hello world, not a network"u8.ToArray())));
        Assert.Contains("not a NAD neural network", e.Message);
    }

    /// <summary>scikit-learn's make_moons: two interleaved half circles with Gaussian noise.</summary>
    private static ClassificationData Moons(int count, int seed, double noise = 0.1)
    {
        var random = new Random(seed);
        var features = new float[count * 2];
        var classes = new int[count];
        for (var i = 0; i < count; i++)
        {
            var upper = i % 2 == 0;
            var t = Math.PI * random.NextDouble();
            var x = upper ? Math.Cos(t) : 1 - Math.Cos(t);
            var y = upper ? Math.Sin(t) : 0.5 - Math.Sin(t);
            features[2 * i] = (float)(x + noise * Normal(random));
            features[2 * i + 1] = (float)(y + noise * Normal(random));
            classes[i] = upper ? 0 : 1;
        }
        return new ClassificationData(features, count, 2, classes);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
