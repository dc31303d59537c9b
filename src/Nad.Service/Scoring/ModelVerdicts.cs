using Nad.Alerts;
using Nad.Core.Detectors;
using Nad.Core.Records;
using Nad.Service.Models;

namespace Nad.Service.Scoring;

/// <summary>
/// API v2's answers from the scoring path's results: the same scores and decisions (so alerts and
/// counts are raised once, by <see cref="Scorer"/>), plus the calibrated probability from the
/// model's manifest and, for a family model, the family.
/// </summary>
public static class ModelVerdicts
{
    public static ModelVerdict[] From(LoadedModel model, IReadOnlyList<ConnectionRecord> records, SupervisedResult[] results)
    {
        var families = Families(model, records, i => results[i].Label == Labels.Attack);
        var verdicts = new ModelVerdict[results.Length];
        for (var i = 0; i < verdicts.Length; i++)
        {
            var r = results[i];
            verdicts[i] = Verdict(model, r.AttackProbability, r.Threshold, r.Label == Labels.Attack, families?[i], r.Model, r.UnseenCategories);
        }
        return verdicts;
    }

    public static ModelVerdict[] From(LoadedModel model, IReadOnlyList<ConnectionRecord> records, UnsupervisedResult[] results)
    {
        var families = Families(model, records, i => results[i].Anomalous);
        var verdicts = new ModelVerdict[results.Length];
        for (var i = 0; i < verdicts.Length; i++)
        {
            var r = results[i];
            verdicts[i] = Verdict(model, r.AnomalyScore, r.Threshold, r.Anomalous, families?[i], r.Model, r.UnseenCategories);
        }
        return verdicts;
    }

    public static DetectVerdict[] From(LoadedModel supervised, LoadedModel? unsupervised, IReadOnlyList<ConnectionRecord> records, DetectResult[] results)
    {
        var first = From(supervised, records, results.Select(r => r.Supervised).ToArray());
        var second = unsupervised is null ? null : From(unsupervised, records, results.Select(r => r.Unsupervised!).ToArray());
        return [.. results.Select((r, i) => new DetectVerdict(r.Verdict == Labels.Attack, r.FlaggedBy, first[i], second?[i]))];
    }

    private static ModelVerdict Verdict(LoadedModel model, double score, double threshold, bool attack, string? family, ModelRef reference, string[]? unseen) =>
        new(score, threshold, attack, model.Detector.Manifest.Calibration?.Probability(score), family, reference, unseen);

    /// <summary>Each record's family name for a family model (one extra pass over the records), else null.</summary>
    private static string?[]? Families(LoadedModel model, IReadOnlyList<ConnectionRecord> records, Func<int, bool> attack)
    {
        if (model.Detector.FamilyClassifier is not { } classifier) return null;
        var probabilities = classifier.FamilyProbabilities(records);
        return [.. probabilities.Select((p, i) => classifier.Classes.Decided(p, attack(i)))];
    }
}
