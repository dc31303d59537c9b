namespace Nad.Core.Evaluation;

/// <summary>Chooses a decision threshold on held-out training rows (never on a test file).</summary>
public static class ThresholdSelector
{
    /// <summary>
    /// The threshold that maximizes F1 on (<paramref name="truth"/>, <paramref name="scores"/>).
    /// It sits midway between the last score kept and the next one down, so that it does not
    /// hug the validation scores.
    /// </summary>
    public static double MaxF1(IReadOnlyList<bool> truth, IReadOnlyList<double> scores)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        long positives = truth.Count(t => t);
        if (positives == 0 || positives == truth.Count) return 0.5;
        long truePositives = 0;
        double bestF1 = -1, best = 0.5;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            for (var k = start; k <= end; k++) if (truth[order[k]]) truePositives++;
            var predictedPositive = end + 1;
            var f1 = 2.0 * truePositives / (predictedPositive + positives);
            if (f1 > bestF1)
            {
                bestF1 = f1;
                var next = end + 1 < order.Length ? scores[order[end + 1]] : scores[order[end]] - 1e-6;
                best = (scores[order[end]] + next) / 2;
            }
            start = end + 1;
        }
        return best;
    }

    /// <summary>
    /// The threshold that maximizes balanced accuracy, (TPR + TNR) / 2, equivalently TPR − FPR
    /// (Youden's J): unlike F1 it does not depend on the share of attacks among the rows. It sits
    /// midway between the last score kept and the next one down, as <see cref="MaxF1"/>.
    /// </summary>
    public static double MaxBalancedAccuracy(IReadOnlyList<bool> truth, IReadOnlyList<double> scores)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        long positives = truth.Count(t => t);
        long negatives = truth.Count - positives;
        if (positives == 0 || negatives == 0) return 0.5;
        long truePositives = 0, falsePositives = 0;
        // J * positives * negatives in whole numbers: ties stay ties (2/3 - 0 and 1 - 1/3 differ in doubles).
        long bestJ = long.MinValue;
        double best = 0.5;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            for (var k = start; k <= end; k++)
                if (truth[order[k]]) truePositives++;
                else falsePositives++;
            var j = truePositives * negatives - falsePositives * positives;
            if (j > bestJ)
            {
                bestJ = j;
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
