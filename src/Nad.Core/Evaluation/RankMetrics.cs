namespace Nad.Core.Evaluation;

/// <summary>Threshold-free measures computed from the ranking of scores.</summary>
public static class RankMetrics
{
    /// <summary>
    /// Area under the ROC curve: the chance that a random attack outscores a random normal
    /// record, ties counting half (the Mann-Whitney form). NaN when one class is absent.
    /// </summary>
    public static double RocAuc(IReadOnlyList<bool> truth, IReadOnlyList<double> scores)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        long positives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            var averageRank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
                if (truth[order[k]]) { positiveRankSum += averageRank; positives++; }
            start = end + 1;
        }
        var negatives = order.Length - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>
    /// Average precision: the sum over thresholds of precision times the gain in recall
    /// (scikit-learn's average_precision_score). NaN when there are no attacks.
    /// </summary>
    public static double AveragePrecision(IReadOnlyList<bool> truth, IReadOnlyList<double> scores)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        long positives = truth.Count(t => t);
        if (positives == 0) return double.NaN;
        long truePositives = 0, seen = 0;
        double previousRecall = 0, sum = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            for (var k = start; k <= end; k++)
            {
                seen++;
                if (truth[order[k]]) truePositives++;
            }
            var recall = (double)truePositives / positives;
            sum += (recall - previousRecall) * truePositives / seen;
            previousRecall = recall;
            start = end + 1;
        }
        return sum;
    }

    /// <summary>
    /// The best F1 any threshold reaches on these scores: an oracle (the threshold is picked
    /// with the labels it is measured on), reported only to show what a detector's ranking allows.
    /// </summary>
    public static double BestF1(IReadOnlyList<bool> truth, IReadOnlyList<double> scores)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        long positives = truth.Count(t => t);
        if (positives == 0) return double.NaN;
        long truePositives = 0;
        double best = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            for (var k = start; k <= end; k++) if (truth[order[k]]) truePositives++;
            best = Math.Max(best, 2.0 * truePositives / (end + 1 + positives));
            start = end + 1;
        }
        return best;
    }
}
