using System.Numerics.Tensors;

namespace Nad.Core.Detectors.Neural;

/// <summary>
/// A small fully connected network: dense layers with ReLU between them and a softmax over
/// the classes at the end. Weights are row-major (<c>W[o * inputs + i]</c>) so that each output
/// is one <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>.
/// Inference is thread-safe: all scratch space belongs to the caller.
/// </summary>
public sealed class MultilayerPerceptron
{
    private const string Magic = "NAD-MLP-1";

    public MultilayerPerceptron(IReadOnlyList<int> layerSizes, float[][] weights, float[][] biases)
    {
        if (layerSizes.Count < 2) throw new ArgumentException("A network needs an input and an output layer.");
        if (weights.Length != layerSizes.Count - 1 || biases.Length != weights.Length) throw new ArgumentException("One weight matrix and bias vector per layer.");
        for (var l = 0; l < weights.Length; l++)
            if (weights[l].Length != layerSizes[l] * layerSizes[l + 1] || biases[l].Length != layerSizes[l + 1])
                throw new ArgumentException($"Layer {l + 1} has the wrong number of weights.");
        LayerSizes = [.. layerSizes];
        Weights = weights;
        Biases = biases;
    }

    /// <summary>Input width, hidden widths, number of classes.</summary>
    public int[] LayerSizes { get; }
    public float[][] Weights { get; }
    public float[][] Biases { get; }
    public int Inputs => LayerSizes[0];
    public int Classes => LayerSizes[^1];
    public int Layers => Weights.Length;

    /// <summary>He-initialized weights (suited to ReLU), zero biases.</summary>
    public static MultilayerPerceptron Initialize(IReadOnlyList<int> layerSizes, Random random)
    {
        var weights = new float[layerSizes.Count - 1][];
        var biases = new float[layerSizes.Count - 1][];
        for (var l = 0; l < weights.Length; l++)
        {
            var fanIn = layerSizes[l];
            var sd = Math.Sqrt(2.0 / fanIn);
            weights[l] = new float[fanIn * layerSizes[l + 1]];
            for (var k = 0; k < weights[l].Length; k++) weights[l][k] = (float)(sd * Gaussian(random));
            biases[l] = new float[layerSizes[l + 1]];
        }
        return new MultilayerPerceptron(layerSizes, weights, biases);
    }

    /// <summary>A deep copy (to keep the best weights seen during early stopping).</summary>
    public MultilayerPerceptron Clone() => new(LayerSizes, Weights.Select(w => (float[])w.Clone()).ToArray(), Biases.Select(b => (float[])b.Clone()).ToArray());

    /// <summary>Scratch buffers for one forward pass: the activations of every layer.</summary>
    public float[][] NewActivations() => LayerSizes.Skip(1).Select(n => new float[n]).ToArray();

    /// <summary>
    /// Runs one input through the network; <paramref name="activations"/>[l] receives layer l+1's
    /// output (ReLU for hidden layers, softmax probabilities for the last).
    /// </summary>
    public void Forward(ReadOnlySpan<float> input, float[][] activations)
    {
        var previous = input;
        for (var l = 0; l < Layers; l++)
        {
            var inputs = LayerSizes[l];
            var output = activations[l];
            var w = Weights[l];
            for (var o = 0; o < output.Length; o++)
                output[o] = TensorPrimitives.Dot(w.AsSpan(o * inputs, inputs), previous) + Biases[l][o];
            if (l < Layers - 1)
                TensorPrimitives.Max(output, 0f, output);
            else
                Softmax(output);
            previous = output;
        }
    }

    private static void Softmax(Span<float> logits)
    {
        var max = TensorPrimitives.Max(logits);
        TensorPrimitives.Subtract(logits, max, logits);
        TensorPrimitives.Exp(logits, logits);
        TensorPrimitives.Divide(logits, TensorPrimitives.Sum(logits), logits);
    }

    /// <summary>Class probabilities for every row of a row-major matrix (in parallel).</summary>
    public float[] PredictProbabilities(float[] rows, int count)
    {
        var result = new float[count * Classes];
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, count, 1024), range =>
        {
            var activations = NewActivations();
            for (var i = range.Item1; i < range.Item2; i++)
            {
                Forward(rows.AsSpan(i * Inputs, Inputs), activations);
                activations[^1].CopyTo(result.AsSpan(i * Classes, Classes));
            }
        });
        return result;
    }

    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(LayerSizes.Length);
        foreach (var size in LayerSizes) writer.Write(size);
        for (var l = 0; l < Layers; l++)
        {
            foreach (var v in Weights[l]) writer.Write(v);
            foreach (var v in Biases[l]) writer.Write(v);
        }
    }

    public static MultilayerPerceptron Load(Stream stream)
    {
        try
        {
            return Read(stream);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("not a NAD neural network (truncated)", e);
        }
    }

    private static MultilayerPerceptron Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var magic = reader.ReadString();
        if (magic != Magic) throw new InvalidDataException($"not a NAD neural network (header '{magic}')");
        var count = reader.ReadInt32();
        if (count is < 2 or > 64) throw new InvalidDataException($"implausible layer count {count}");
        var sizes = new int[count];
        for (var l = 0; l < count; l++)
        {
            sizes[l] = reader.ReadInt32();
            if (sizes[l] is < 1 or > 1_000_000) throw new InvalidDataException($"implausible layer width {sizes[l]}");
        }
        var weights = new float[count - 1][];
        var biases = new float[count - 1][];
        for (var l = 0; l < count - 1; l++)
        {
            weights[l] = ReadFloats(reader, sizes[l] * sizes[l + 1]);
            biases[l] = ReadFloats(reader, sizes[l + 1]);
        }
        return new MultilayerPerceptron(sizes, weights, biases);
    }

    private static float[] ReadFloats(BinaryReader reader, int count)
    {
        var values = new float[count];
        for (var k = 0; k < count; k++) values[k] = reader.ReadSingle();
        return values;
    }

    private static double Gaussian(Random random)
    {
        // Box-Muller: the framework's Random has no normal draw.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
