namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// The result of <see cref="Dbscan.Fit"/>: a cluster number per row (0, 1, ...; -1 = noise)
/// and which rows are core points.
/// </summary>
public sealed record DbscanResult(int[] Labels, bool[] IsCore, int ClusterCount)
{
    public const int Noise = -1;

    public int NoiseCount => Labels.Count(l => l == Noise);
    public int CoreCount => IsCore.Count(c => c);
    public double NoiseShare => Labels.Length == 0 ? 0 : (double)NoiseCount / Labels.Length;
}
