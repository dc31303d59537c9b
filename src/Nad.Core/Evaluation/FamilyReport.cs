using Nad.Core.Detectors;
using Nad.Core.Records;

namespace Nad.Core.Evaluation;

/// <summary>Precision and recall of one family when every record is assigned its most probable family.</summary>
public sealed record FamilyMetrics(string Family, long Support, long Predicted, double Precision, double Recall, double F1);

/// <summary>
/// How a family model sorts records into normal, DoS, Probe, R2L and U2R:
/// per-class precision/recall and the 5x5 confusion matrix (rows = actual, columns = predicted).
/// Records whose attack name has no known family are left out and counted.
/// </summary>
public sealed record FamilyReport(
    IReadOnlyList<string> Families,
    long[][] Confusion,
    IReadOnlyList<FamilyMetrics> PerFamily,
    double Accuracy,
    double MacroF1,
    long RowsWithUnknownFamily)
{
    public static FamilyReport Compute(IReadOnlyList<AttackLabel> labels, IReadOnlyList<double[]> probabilities)
    {
        if (labels.Count != probabilities.Count) throw new ArgumentException("One probability row per label.");
        var k = FamilyClasses.Count;
        var confusion = Enumerable.Range(0, k).Select(_ => new long[k]).ToArray();
        long unknown = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i].Family == AttackFamily.Unknown) { unknown++; continue; }
            var predicted = FamilyClasses.All.ToList().IndexOf(FamilyClasses.ArgMax(probabilities[i]));
            confusion[FamilyClasses.IndexOf(labels[i])][predicted]++;
        }
        var perFamily = new FamilyMetrics[k];
        long correct = 0, total = 0;
        for (var c = 0; c < k; c++)
        {
            var support = confusion[c].Sum();
            var predicted = confusion.Sum(row => row[c]);
            var hit = confusion[c][c];
            var precision = predicted == 0 ? 0 : (double)hit / predicted;
            var recall = support == 0 ? 0 : (double)hit / support;
            perFamily[c] = new FamilyMetrics(FamilyClasses.All[c].ToString(), support, predicted, precision, recall,
                precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
            correct += hit;
            total += support;
        }
        return new FamilyReport(FamilyClasses.All.Select(f => f.ToString()).ToArray(), confusion, perFamily,
            total == 0 ? 0 : (double)correct / total, perFamily.Where(f => f.Support > 0).Select(f => f.F1).DefaultIfEmpty(0).Average(), unknown);
    }
}
