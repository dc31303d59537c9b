using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// DBSCAN as a detector of new records: a record joins a training cluster when some core point
/// lies within eps of it (it would be a border point); otherwise DBSCAN would call it noise.
/// The score is the distance to the nearest kept core point divided by eps, so 1 is the natural
/// cut (the trainer's default threshold rule). Core points are kept in a <see cref="KdTree"/>.
/// </summary>
public sealed class DbscanModel : IScoringModel
{
    private readonly KdTree _cores;

    public DbscanModel(PcaProjection projection, double eps, int minPts, float[] corePoints, DbscanSummary summary)
    {
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), "eps must be positive.");
        Projection = projection;
        Eps = eps;
        MinPts = minPts;
        CorePoints = corePoints;
        Summary = summary;
        _cores = new KdTree(corePoints, projection.Dimension);
    }

    public PcaProjection Projection { get; }
    public FeatureEncoder Encoder => Projection.Encoder;
    public double Eps { get; }
    public int MinPts { get; }

    /// <summary>The kept core points in the reduced space (count × components).</summary>
    public float[] CorePoints { get; }

    /// <summary>What the clustering of the training rows found.</summary>
    public DbscanSummary Summary { get; }

    public double[] Score(IReadOnlyList<ConnectionRecord> records) => ScoreCoordinates(Projection.Project(records));

    /// <summary>Scores rows already in the reduced space.</summary>
    public double[] ScoreCoordinates(float[] coordinates)
    {
        var dimension = Projection.Dimension;
        var scores = new double[coordinates.Length / dimension];
        Parallel.For(0, scores.Length, i => scores[i] = _cores.NearestDistance(coordinates.AsSpan(i * dimension, dimension)) / Eps);
        return scores;
    }

    private const uint Magic = 0x42444E44; // "DNDB"

    public void Save(Stream payload) => PayloadFormat.Write(payload, Magic, 1, writer =>
    {
        writer.Write(Eps);
        writer.Write(MinPts);
        Summary.Write(writer);
        Projection.Components.Write(writer);
        writer.Write(CorePoints.Length / Projection.Dimension);
        foreach (var v in CorePoints) writer.Write(v);
    });

    public static DbscanModel Load(Stream payload, FeatureEncoder encoder) =>
        PayloadFormat.Read(payload, Magic, 1, "DBSCAN model", reader =>
        {
            var eps = reader.ReadDouble();
            var minPts = reader.ReadInt32();
            var summary = DbscanSummary.Read(reader);
            var projection = new PcaProjection(encoder, PrincipalComponents.Read(reader));
            var cores = reader.ReadInt32();
            if (cores < 1 || (long)cores * projection.Dimension > 100_000_000) throw new InvalidDataException("DBSCAN payload core-point count is damaged");
            var points = new float[cores * projection.Dimension];
            for (var i = 0; i < points.Length; i++) points[i] = reader.ReadSingle();
            return new DbscanModel(projection, eps, minPts, points, summary);
        });
}
