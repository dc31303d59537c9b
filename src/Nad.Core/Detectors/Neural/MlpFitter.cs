using System.Numerics.Tensors;

namespace Nad.Core.Detectors.Neural;

/// <summary>
/// Trains a <see cref="MultilayerPerceptron"/> by mini-batch backpropagation of the (weighted)
/// cross-entropy, with Adam and an L2 penalty, and early stopping on held-out rows: after each
/// epoch the held-out loss is measured and the best network so far is kept.
/// </summary>
public static class MlpFitter
{
    private const float Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-8f;

    public static MultilayerPerceptron Fit(
        ClassificationData train,
        ClassificationData? validation,
        int classes,
        MlpOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (train.Rows == 0) throw new ArgumentException("No rows to train the neural network on.");
        var random = new Random(options.Seed);
        int[] sizes = [train.Dimension, .. options.HiddenLayers, classes];
        var network = MultilayerPerceptron.Initialize(sizes, random);
        var best = network.Clone();
        var bestLoss = double.PositiveInfinity;
        var epochsWithoutGain = 0;

        var gradW = network.Weights.Select(w => new float[w.Length]).ToArray();
        var gradB = network.Biases.Select(b => new float[b.Length]).ToArray();
        var adamW = network.Weights.Select(w => new Adam(w.Length)).ToArray();
        var adamB = network.Biases.Select(b => new Adam(b.Length)).ToArray();
        var activations = network.NewActivations();
        var deltas = network.NewActivations();
        var order = Enumerable.Range(0, train.Rows).ToArray();
        var step = 0;

        for (var epoch = 1; epoch <= options.MaxEpochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            random.Shuffle(order);
            for (var start = 0; start < order.Length; start += options.BatchSize)
            {
                var end = Math.Min(order.Length, start + options.BatchSize);
                foreach (var g in gradW) Array.Clear(g);
                foreach (var g in gradB) Array.Clear(g);
                float batchWeight = 0;
                for (var k = start; k < end; k++)
                {
                    var row = order[k];
                    var weight = train.WeightOf(row);
                    batchWeight += weight;
                    Backpropagate(network, train.Row(row), train.Classes[row], weight, activations, deltas, gradW, gradB);
                }
                step++;
                var scale = 1f / Math.Max(batchWeight, 1e-12f);
                for (var l = 0; l < network.Layers; l++)
                {
                    // Mean gradient plus the L2 penalty's gradient (weights only, as scikit-learn does).
                    TensorPrimitives.Multiply(gradW[l], scale, gradW[l]);
                    TensorPrimitives.MultiplyAdd(network.Weights[l], (float)options.L2, gradW[l], gradW[l]);
                    TensorPrimitives.Multiply(gradB[l], scale, gradB[l]);
                    adamW[l].Step(network.Weights[l], gradW[l], (float)options.LearningRate, step);
                    adamB[l].Step(network.Biases[l], gradB[l], (float)options.LearningRate, step);
                }
            }

            var loss = validation is null ? 0 : Loss(network, validation);
            progress?.Report(new TrainingProgress($"epoch {epoch}, held-out loss {loss:0.0000}", (double)epoch / options.MaxEpochs));
            if (validation is null) { best = network; continue; }
            if (loss < bestLoss - 1e-5)
            {
                bestLoss = loss;
                best = network.Clone();
                epochsWithoutGain = 0;
            }
            else if (++epochsWithoutGain >= options.Patience) break;
        }
        return validation is null ? network : best;
    }

    /// <summary>Adds one row's gradient of weight * cross-entropy to the accumulators.</summary>
    private static void Backpropagate(MultilayerPerceptron network, ReadOnlySpan<float> input, int target, float weight,
        float[][] activations, float[][] deltas, float[][] gradW, float[][] gradB)
    {
        network.Forward(input, activations);
        var last = network.Layers - 1;
        // Softmax + cross-entropy: d loss / d logits = p - onehot(target).
        TensorPrimitives.Multiply(activations[last], weight, deltas[last]);
        deltas[last][target] -= weight;
        for (var l = last; l >= 0; l--)
        {
            var inputs = network.LayerSizes[l];
            var previous = l == 0 ? input : activations[l - 1];
            var delta = deltas[l];
            var w = network.Weights[l];
            TensorPrimitives.Add(gradB[l], delta, gradB[l]);
            if (l > 0) Array.Clear(deltas[l - 1]);
            for (var o = 0; o < delta.Length; o++)
            {
                var d = delta[o];
                if (d == 0) continue;
                TensorPrimitives.MultiplyAdd(previous, d, gradW[l].AsSpan(o * inputs, inputs), gradW[l].AsSpan(o * inputs, inputs));
                if (l > 0) TensorPrimitives.MultiplyAdd(w.AsSpan(o * inputs, inputs), d, deltas[l - 1], deltas[l - 1]);
            }
            if (l > 0)
            {
                // ReLU passes the gradient only where the unit was active.
                var a = activations[l - 1];
                var back = deltas[l - 1];
                for (var i = 0; i < back.Length; i++) if (a[i] <= 0) back[i] = 0;
            }
        }
    }

    /// <summary>The weighted mean cross-entropy on <paramref name="data"/>.</summary>
    public static double Loss(MultilayerPerceptron network, ClassificationData data)
    {
        var probabilities = network.PredictProbabilities(data.Features, data.Rows);
        double loss = 0, total = 0;
        for (var i = 0; i < data.Rows; i++)
        {
            var weight = data.WeightOf(i);
            loss -= weight * Math.Log(Math.Max(probabilities[i * network.Classes + data.Classes[i]], 1e-12));
            total += weight;
        }
        return loss / Math.Max(total, 1e-12);
    }

    /// <summary>Adam's running moments for one parameter array.</summary>
    private sealed class Adam(int length)
    {
        private readonly float[] _m = new float[length];
        private readonly float[] _v = new float[length];
        private readonly float[] _scratch = new float[length];

        public void Step(float[] parameters, float[] gradient, float learningRate, int step)
        {
            TensorPrimitives.Multiply(_m, Beta1, _m);
            TensorPrimitives.MultiplyAdd(gradient, 1 - Beta1, _m, _m);
            TensorPrimitives.Multiply(gradient, gradient, _scratch);
            TensorPrimitives.Multiply(_v, Beta2, _v);
            TensorPrimitives.MultiplyAdd(_scratch, 1 - Beta2, _v, _v);
            // Bias-corrected step size folded into one scalar.
            var alpha = learningRate * MathF.Sqrt(1 - MathF.Pow(Beta2, step)) / (1 - MathF.Pow(Beta1, step));
            TensorPrimitives.Sqrt(_v, _scratch);
            TensorPrimitives.Add(_scratch, Epsilon, _scratch);
            TensorPrimitives.Divide(_m, _scratch, _scratch);
            TensorPrimitives.MultiplyAdd(_scratch, -alpha, parameters, parameters);
        }
    }
}
