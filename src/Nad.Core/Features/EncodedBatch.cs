namespace Nad.Core.Features;

/// <summary>Encoded records as one row-major matrix: row i is Values[i*Dimension .. (i+1)*Dimension).</summary>
public sealed record EncodedBatch(float[] Values, int Rows, int Dimension, int RowsWithUnknownCategories)
{
    public ReadOnlySpan<float> Row(int i) => Values.AsSpan(i * Dimension, Dimension);
}
