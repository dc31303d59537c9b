namespace Nad.Core.Evaluation;

/// <summary>
/// The standard measures of a binary detector ("positive" = attack) at one threshold, plus the
/// threshold-free ROC-AUC and PR-AUC (average precision, as scikit-learn computes it).
/// </summary>
public sealed record BinaryMetrics(
    ConfusionMatrix Confusion,
    double Accuracy,
    double Precision,
    double Recall,
    double F1,
    double FalsePositiveRate,
    double RocAuc,
    double PrAuc)
{
    public static BinaryMetrics Compute(IReadOnlyList<bool> truth, IReadOnlyList<double> scores, double threshold)
    {
        if (truth.Count != scores.Count) throw new ArgumentException("One score per truth value.");
        if (truth.Count == 0) throw new ArgumentException("Cannot measure a detector on no records.");
        var predicted = scores.Select(s => s >= threshold).ToArray();
        var m = ConfusionMatrix.From(truth, predicted);
        var precision = Ratio(m.TruePositives, m.TruePositives + m.FalsePositives);
        var recall = Ratio(m.TruePositives, m.TruePositives + m.FalseNegatives);
        return new BinaryMetrics(
            m,
            Ratio(m.TruePositives + m.TrueNegatives, m.Total),
            precision,
            recall,
            precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
            Ratio(m.FalsePositives, m.FalsePositives + m.TrueNegatives),
            RankMetrics.RocAuc(truth, scores),
            RankMetrics.AveragePrecision(truth, scores));
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
