namespace Nad.Core.Evaluation;

/// <summary>Counts of a binary decision against the truth; "positive" means attack.</summary>
public readonly record struct ConfusionMatrix(long TruePositives, long FalsePositives, long TrueNegatives, long FalseNegatives)
{
    public long Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    public static ConfusionMatrix From(IReadOnlyList<bool> truth, IReadOnlyList<bool> predicted)
    {
        if (truth.Count != predicted.Count) throw new ArgumentException("One prediction per truth value.");
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            if (predicted[i]) { if (truth[i]) tp++; else fp++; }
            else { if (truth[i]) fn++; else tn++; }
        }
        return new ConfusionMatrix(tp, fp, tn, fn);
    }
}
