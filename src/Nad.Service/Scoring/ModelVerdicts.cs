using Nad.Alerts;
using Nad.Core.Detectors;
using Nad.Core.Records;
using Nad.Service.Models;

namespace Nad.Service.Scoring;

/// <summary>
/// API v2's answers from the scoring path's results: the same scores and decisions (so alerts and
/// counts are raised once, by <see cref="Scorer"/>), plus the calibrated probability from the
/// model's manifest and the family (from a family model: the model itself or the service's family model).
/// </summary>
public static class ModelVerdicts
{
    /// <param name="families">Names the families (<see cref="Scorer.FamilyClassifierFor"/>); null: the model's own, if it is a family model.</param>
    public static ModelVerdict[] From(LoadedModel model, IReadOnlyList<ConnectionRecord> records, SupervisedResult[] results, IFamilyClassifier? families = null)
    {
        var decided = Families(families ?? model.Detector.FamilyClassifier, records, i => results[i].Label == Labels.Attack);
        var verdicts = new ModelVerdict[results.Length];
        for (var i = 0; i < verdicts.Length; i++)
        {
            var r = results[i];
            verdicts[i] = Verdict(model, r.AttackProbability, r.Threshold, r.Label == Labels.Attack, decided?[i], r.Model, r.UnseenCategories);
        }
        return verdicts;
    }

    public static ModelVerdict[] From(LoadedModel model, IReadOnlyList<ConnectionRecord> records, UnsupervisedResult[] results)
    {
        var families = Families(model.Detector.FamilyClassifier, records, i => results[i].Anomalous);
        var verdicts = new ModelVerdict[results.Length];
        for (var i = 0; i < verdicts.Length; i++)
        {
            var r = results[i];
            verdicts[i] = Verdict(model, r.AnomalyScore, r.Threshold, r.Anomalous, families?[i], r.Model, r.UnseenCategories);
        }
        return verdicts;
    }

    /// <param name="families">As for the supervised model's answers.</param>
    public static DetectVerdict[] From(LoadedModel supervised, LoadedModel? unsupervised, IReadOnlyList<ConnectionRecord> records, DetectResult[] results,
        IFamilyClassifier? families = null)
    {
        var first = From(supervised, records, results.Select(r => r.Supervised).ToArray(), families);
        var second = unsupervised is null ? null : From(unsupervised, records, results.Select(r => r.Unsupervised!).ToArray());
        return [.. results.Select((r, i) => new DetectVerdict(r.Verdict == Labels.Attack, r.FlaggedBy, first[i], second?[i]))];
    }

    private static ModelVerdict Verdict(LoadedModel model, double score, double threshold, bool attack, string? family, ModelRef reference, string[]? unseen) =>
        new(score, threshold, attack, model.Detector.Manifest.Calibration?.Probability(score), family, reference, unseen);

    /// <summary>
    /// Each record's family name from the family classifier, else null: Normal where the model said normal,
    /// otherwise the decided family (one extra pass over the attack records only).
    /// </summary>
    private static string?[]? Families(IFamilyClassifier? classifier, IReadOnlyList<ConnectionRecord> records, Func<int, bool> attack)
    {
        if (classifier is null) return null;
        var names = new string?[records.Count];
        var attacks = new List<int>();
        for (var i = 0; i < names.Length; i++)
            if (attack(i)) attacks.Add(i);
            else names[i] = NormalName;
        if (attacks.Count == 0) return names;
        var probabilities = classifier.FamilyProbabilities([.. attacks.Select(i => records[i])]);
        for (var k = 0; k < attacks.Count; k++) names[attacks[k]] = classifier.Classes.Decided(probabilities[k], attack: true);
        return names;
    }

    private const string NormalName = FamilyClasses.NormalName;
}
