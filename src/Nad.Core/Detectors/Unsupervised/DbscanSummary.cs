namespace Nad.Core.Detectors.Unsupervised;

/// <summary>The clustering of the training rows, kept in the model for reports.</summary>
public sealed record DbscanSummary(int Rows, int Clusters, int CorePoints, int NoisePoints, int KeptCorePoints)
{
    public double NoiseShare => Rows == 0 ? 0 : (double)NoisePoints / Rows;

    internal void Write(BinaryWriter writer)
    {
        writer.Write(Rows);
        writer.Write(Clusters);
        writer.Write(CorePoints);
        writer.Write(NoisePoints);
        writer.Write(KeptCorePoints);
    }

    internal static DbscanSummary Read(BinaryReader reader) =>
        new(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
}
