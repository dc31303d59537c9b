namespace Nad.Core.Thresholds;

/// <summary>Chooses a decision threshold on held-out training rows (never on a test file).</summary>
public static class ThresholdSelector
{
    /// <summary>
    /// The threshold that maximizes F1 on (<paramref name="truth"/>, <paramref name="scores"/>).
    /// It sits midway between the last score kept and the next one down, so that it does not
    /// hug the validation scores.
    /// </summary>
    public static double MaxF1(IReadOnlyList<bool> truth, IReadOnlyList<double> scores) =>
        BestCut(truth, scores, (truePositives, falsePositives, positives, _) => 2.0 * truePositives / (truePositives + falsePositives + positives));

    /// <summary>
    /// The threshold that maximizes balanced accuracy, (TPR + TNR) / 2, equivalently TPR − FPR
    /// (Youden's J): unlike F1 it does not depend on the share of attacks among the rows. It sits
    /// midway between the last score kept and the next one down, as <see cref="MaxF1"/>.
    /// </summary>
    public static double MaxBalancedAccuracy(IReadOnlyList<bool> truth, IReadOnlyList<double> scores) =>
        // J * positives * negatives in whole numbers: ties stay ties (2/3 - 0 and 1 - 1/3 differ in doubles).
        BestCut(truth, scores, (truePositives, falsePositives, positives, negatives) => truePositives * negatives - falsePositives * positives);

    /// <summary>
    /// Walks the cuts between distinct scores from the top and returns the one whose
    /// <paramref name="objective"/> (true and false positives flagged, positives and negatives in
    /// all) is highest, the first on ties, midway to the next score down; 0.5 with one class only.
    /// </summary>
    private static double BestCut<T>(IReadOnlyList<bool> truth, IReadOnlyList<double> scores, Func<long, long, long, long, T> objective)
        where T : struct, IComparable<T>
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        long positives = truth.Count(t => t);
        long negatives = truth.Count - positives;
        if (positives == 0 || negatives == 0) return 0.5;
        long truePositives = 0, falsePositives = 0;
        T bestValue = default;
        var found = false;
        var best = 0.5;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            for (var k = start; k <= end; k++)
                if (truth[order[k]]) truePositives++;
                else falsePositives++;
            var value = objective(truePositives, falsePositives, positives, negatives);
            if (!found || value.CompareTo(bestValue) > 0)
            {
                (found, bestValue) = (true, value);
                var next = end + 1 < order.Length ? scores[order[end + 1]] : scores[order[end]] - 1e-6;
                best = (scores[order[end]] + next) / 2;
            }
            start = end + 1;
        }
        return best;
    }

    /// <summary>
    /// The lowest threshold that flags at most <paramref name="falsePositiveRate"/> of the normal
    /// rows (truth false): an alert budget measured on held-out normal traffic. It sits midway
    /// between the highest normal score left unflagged and the next one up.
    /// </summary>
    public static double ForFalsePositiveRate(IReadOnlyList<bool> truth, IReadOnlyList<double> scores, double falsePositiveRate)
    {
        if (!(falsePositiveRate >= 0 && falsePositiveRate < 1)) throw new ArgumentOutOfRangeException(nameof(falsePositiveRate), "A false-positive rate is in [0, 1).");
        var normal = Enumerable.Range(0, scores.Count).Where(i => !truth[i]).Select(i => scores[i]).ToArray();
        if (normal.Length == 0) throw new ArgumentException("No normal rows to measure a false-positive rate on.");
        Array.Sort(normal, (a, b) => b.CompareTo(a));
        var allowed = (int)Math.Floor(falsePositiveRate * normal.Length);
        if (allowed >= normal.Length) return normal[^1];
        var highestUnflagged = normal[allowed];
        // Rows tied with it stay unflagged too; the cut goes just under the next higher score.
        var above = allowed - 1;
        while (above >= 0 && normal[above] <= highestUnflagged) above--;
        return above >= 0 ? (highestUnflagged + normal[above]) / 2 : Math.BitIncrement(highestUnflagged);
    }
}
