using Nad.Core.Records;

namespace Nad.Core.Detectors;

/// <summary>Decisions derived from scores, the same for every detector.</summary>
public static class DetectorExtensions
{
    public static bool IsAttack(this IDetector detector, double score) => score >= detector.Threshold;

    /// <summary>True where the record is judged an attack (anomaly).</summary>
    public static bool[] Predict(this IDetector detector, IReadOnlyList<ConnectionRecord> records) =>
        detector.Score(records).Select(s => s >= detector.Threshold).ToArray();

    public static double Score(this IDetector detector, ConnectionRecord record) => detector.Score([record])[0];
}
