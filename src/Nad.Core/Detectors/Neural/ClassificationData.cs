namespace Nad.Core.Detectors.Neural;

/// <summary>A row-major matrix of inputs with one class index (and weight) per row.</summary>
public sealed record ClassificationData(float[] Features, int Rows, int Dimension, int[] Classes, float[]? Weights = null)
{
    public ReadOnlySpan<float> Row(int i) => Features.AsSpan(i * Dimension, Dimension);
    public float WeightOf(int i) => Weights?[i] ?? 1f;
}
