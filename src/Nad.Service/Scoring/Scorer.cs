using Nad.Alerts;
using Nad.Core.Detectors;
using Nad.Core.Records;
using Nad.Service.Alerts;
using Nad.Service.Models;
using Nad.Service.Observability;

namespace Nad.Service.Scoring;

/// <summary>
/// Scores records with the active models and queues an alert for every record judged an attack
/// or anomaly. Each call reads the active model once, so a concurrent switch never mixes models
/// within one request. The three routes (predict, score, detect) take one path: score with the
/// models given, raise the alerts, count the records.
/// </summary>
public sealed class Scorer(ModelRegistry registry, AlertWriter alerts)
{
    public LoadedModel? SupervisedModel => registry.Supervised;
    public LoadedModel? UnsupervisedModel => registry.Unsupervised;

    /// <summary>The active unsupervised model when it reads <paramref name="supervised"/>'s schema (a request holds one kind of record), else null.</summary>
    public LoadedModel? UnsupervisedFor(LoadedModel supervised) => registry.UnsupervisedFor(supervised);

    /// <param name="connections">Hosts, ports and start time per record (null where unknown), stored with its alert; null for none.</param>
    public async ValueTask<SupervisedResult[]> PredictAsync(LoadedModel model, IReadOnlyList<ConnectionRecord> records, string endpoint, CancellationToken cancellationToken,
        IReadOnlyList<ConnectionEndpoints?>? connections = null) =>
        (await ScoreAsync(model, null, records, endpoint, connections, cancellationToken)).Supervised!;

    /// <param name="connections">As for <see cref="PredictAsync"/>.</param>
    public async ValueTask<UnsupervisedResult[]> ScoreAsync(LoadedModel model, IReadOnlyList<ConnectionRecord> records, string endpoint, CancellationToken cancellationToken,
        IReadOnlyList<ConnectionEndpoints?>? connections = null) =>
        (await ScoreAsync(null, model, records, endpoint, connections, cancellationToken)).Unsupervised!;

    /// <summary>Both models; the verdict is attack when either flags the record.</summary>
    /// <param name="connections">As for <see cref="PredictAsync"/> (records from traffic).</param>
    public async ValueTask<DetectResult[]> DetectAsync(LoadedModel supervised, LoadedModel? unsupervised, IReadOnlyList<ConnectionRecord> records, string endpoint,
        CancellationToken cancellationToken, IReadOnlyList<ConnectionEndpoints?>? connections = null)
    {
        var (first, second) = await ScoreAsync(supervised, unsupervised, records, endpoint, connections, cancellationToken);
        var results = new DetectResult[records.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var s = first![i];
            var u = second?[i];
            string[] flaggedBy = (s.Label == Labels.Attack, u?.Anomalous == true) switch
            {
                (true, true) => ["supervised", "unsupervised"],
                (true, false) => ["supervised"],
                (false, true) => ["unsupervised"],
                _ => [],
            };
            results[i] = new DetectResult(flaggedBy.Length > 0 ? Labels.Attack : Labels.Normal, flaggedBy, s, u);
        }
        return results;
    }

    /// <summary>The one path: each given model scores all records in one call, flagged records become alerts (one queue call), records are counted per model.</summary>
    private async ValueTask<(SupervisedResult[]? Supervised, UnsupervisedResult[]? Unsupervised)> ScoreAsync(LoadedModel? supervised, LoadedModel? unsupervised,
        IReadOnlyList<ConnectionRecord> records, string endpoint, IReadOnlyList<ConnectionEndpoints?>? connections, CancellationToken cancellationToken)
    {
        var first = supervised is null ? null : Supervised(supervised, records);
        var second = unsupervised is null ? null : Unsupervised(unsupervised, records);
        var families = supervised is null ? null : AttackFamilies(supervised, records, first!);
        List<Alert>? raised = null;
        string? requestKey = null; // one per request: its records are api/key/0, api/key/1, ...
        for (var i = 0; i < records.Count; i++)
        {
            var s = first?[i];
            var u = second?[i];
            if (s?.Label == Labels.Attack || u?.Anomalous == true)
                (raised ??= []).Add(AlertFor(endpoint, records[i], s, u, connections?[i],
                    RecordIds.For(RequestSource, requestKey ??= RecordIds.NewRequestKey(), i), families?.GetValueOrDefault(i)));
        }
        if (raised is not null) await alerts.EnqueueAsync(raised, cancellationToken);
        if (supervised is not null) ServiceMetrics.RecordsScored(supervised.Name, records.Count);
        if (unsupervised is not null) ServiceMetrics.RecordsScored(unsupervised.Name, records.Count);
        return (first, second);
    }

    /// <summary>
    /// Where the families of <paramref name="supervised"/>'s attacks come from: itself when it is a family model, else
    /// the service's family model (<c>Nad:FamilyModel</c>) when it reads the same schema, else none.
    /// </summary>
    public IFamilyClassifier? FamilyClassifierFor(LoadedModel supervised) => registry.FamilyClassifierFor(supervised);

    /// <summary>
    /// The decided family of each record the supervised model judged an attack (by index; one extra pass over
    /// those records only) when there is a family classifier for it, else null. Anomaly-only alerts get no family:
    /// the supervised model said normal.
    /// </summary>
    private Dictionary<int, string>? AttackFamilies(LoadedModel model, IReadOnlyList<ConnectionRecord> records, SupervisedResult[] results)
    {
        if (FamilyClassifierFor(model) is not { } classifier) return null;
        var attacks = Enumerable.Range(0, results.Length).Where(i => results[i].Label == Labels.Attack).ToArray();
        if (attacks.Length == 0) return null;
        var probabilities = classifier.FamilyProbabilities([.. attacks.Select(i => records[i])]);
        return attacks.Select((row, k) => (row, family: classifier.Classes.Decided(probabilities[k], attack: true)))
            .ToDictionary(p => p.row, p => p.family);
    }

    /// <summary>The source part of the record ids of records posted to the service.</summary>
    public const string RequestSource = "api";

    /// <summary>The alert for a flagged record: labelled attack when the supervised model flagged it, else anomaly.
    /// Without <paramref name="recordId"/> the record gets a fresh id of its own. <paramref name="family"/> is the attack
    /// family a family model decided (null without one: the alert is "unclassified").</summary>
    public static Alert AlertFor(string endpoint, ConnectionRecord record, SupervisedResult? supervised, UnsupervisedResult? unsupervised,
        ConnectionEndpoints? connection = null, string? recordId = null, string? family = null) => new(
        0,
        DateTimeOffset.UtcNow,
        endpoint,
        supervised?.Label == Labels.Attack ? Labels.Attack : Labels.Anomaly,
        family,
        supervised?.Model.Name,
        supervised?.Model.Version,
        supervised?.AttackProbability,
        unsupervised?.Model.Name,
        unsupervised?.Model.Version,
        unsupervised?.AnomalyScore,
        record,
        connection,
        RecordId: recordId ?? RecordIds.For(RequestSource, RecordIds.NewRequestKey(), 0));

    public static SupervisedResult[] Supervised(LoadedModel model, IReadOnlyList<ConnectionRecord> records) =>
        Verdicts(model, records, static (score, isAttack, threshold, reference, unseen) =>
            new SupervisedResult(isAttack ? Labels.Attack : Labels.Normal, score, threshold, reference, unseen));

    public static UnsupervisedResult[] Unsupervised(LoadedModel model, IReadOnlyList<ConnectionRecord> records) =>
        Verdicts(model, records, static (score, isAttack, threshold, reference, unseen) =>
            new UnsupervisedResult(score, isAttack, threshold, reference, unseen));

    /// <summary>One <see cref="IDetector.Score"/> call for all records, then one verdict per record in the caller's shape; the records and scores join the model's drift window.</summary>
    private static T[] Verdicts<T>(LoadedModel model, IReadOnlyList<ConnectionRecord> records, Func<double, bool, double, ModelRef, string[]?, T> verdict)
    {
        var detector = model.Detector;
        var scores = detector.Score(records);
        model.Drift?.Observe(records, scores);
        var reference = new ModelRef(model.Name, model.Version);
        var results = new T[scores.Length];
        for (var i = 0; i < scores.Length; i++)
            results[i] = verdict(scores[i], detector.IsAttack(scores[i]), detector.Threshold, reference, model.UnseenCategories(records[i]));
        return results;
    }
}
