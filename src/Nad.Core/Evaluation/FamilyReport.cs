using Nad.Core.Detectors;
using Nad.Core.Records;

namespace Nad.Core.Evaluation;

/// <summary>Precision and recall of one family when every record is assigned its most probable family.</summary>
public sealed record FamilyMetrics(string Family, long Support, long Predicted, double Precision, double Recall, double F1);

/// <summary>
/// How a family model sorts records into its classes (NSL-KDD's normal, DoS, Probe, R2L, U2R; another
/// schema's Normal and its families): per-class precision/recall and the confusion matrix (rows = actual,
/// columns = predicted). Records whose family is not one of the model's classes (an NSL-KDD attack name
/// with no known family, a family the model never trained on) are left out and counted.
/// </summary>
public sealed record FamilyReport(
    IReadOnlyList<string> Families,
    long[][] Confusion,
    IReadOnlyList<FamilyMetrics> PerFamily,
    double Accuracy,
    double MacroF1,
    long RowsWithUnknownFamily)
{
    public static FamilyReport Compute(FamilyClasses classes, IReadOnlyList<AttackLabel> labels, IReadOnlyList<double[]> probabilities)
    {
        ArgumentNullException.ThrowIfNull(classes);
        if (labels.Count != probabilities.Count) throw new ArgumentException("One probability row per label.");
        var k = classes.Count;
        var confusion = Enumerable.Range(0, k).Select(_ => new long[k]).ToArray();
        long unknown = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            if (classes.TryIndexOf(labels[i]) is not { } actual) { unknown++; continue; }
            confusion[actual][classes.ArgMaxIndex(probabilities[i])]++;
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
            perFamily[c] = new FamilyMetrics(classes.Names[c], support, predicted, precision, recall,
                precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
            correct += hit;
            total += support;
        }
        return new FamilyReport(classes.Names, confusion, perFamily,
            total == 0 ? 0 : (double)correct / total, perFamily.Where(f => f.Support > 0).Select(f => f.F1).DefaultIfEmpty(0).Average(), unknown);
    }
}
