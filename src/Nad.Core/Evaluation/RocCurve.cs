namespace Nad.Core.Evaluation;

/// <summary>One point of a ROC curve.</summary>
public readonly record struct RocPoint(double FalsePositiveRate, double TruePositiveRate);

/// <summary>The ROC curve of scores against the truth, thinned to a few hundred points for plotting.</summary>
public static class RocCurve
{
    public static IReadOnlyList<RocPoint> Compute(IReadOnlyList<bool> truth, IReadOnlyList<double> scores, int maxPoints = 200)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        long positives = truth.Count(t => t), negatives = truth.Count - positives;
        if (positives == 0 || negatives == 0) return [];
        var points = new List<RocPoint> { new(0, 0) };
        long tp = 0, fp = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            for (var k = start; k <= end; k++) if (truth[order[k]]) tp++; else fp++;
            points.Add(new RocPoint((double)fp / negatives, (double)tp / positives));
            start = end + 1;
        }
        if (points.Count <= maxPoints) return points;
        // Keep points spread along the curve's length so that both steep and flat parts stay visible.
        var step = (double)(points.Count - 1) / (maxPoints - 1);
        return Enumerable.Range(0, maxPoints).Select(i => points[(int)Math.Round(i * step)]).ToArray();
    }
}
