using Nad.Core.Detectors;
using Nad.Core.Records;
using Nad.Service.Alerts;
using Nad.Service.Models;
using Nad.Service.Observability;

namespace Nad.Service.Scoring;

/// <summary>
/// Scores records with the active models and queues an alert for every record judged an attack
/// or anomaly. Each call reads the active model once, so a concurrent switch never mixes models
/// within one request.
/// </summary>
public sealed class Scorer(ModelRegistry registry, AlertWriter alerts)
{
    public LoadedModel? SupervisedModel => registry.Supervised;
    public LoadedModel? UnsupervisedModel => registry.Unsupervised;

    /// <param name="connections">Hosts, ports and start time per record (null where unknown), stored with its alert; null for none.</param>
    public async ValueTask<SupervisedResult[]> PredictAsync(LoadedModel model, IReadOnlyList<ConnectionRecord> records, string endpoint, CancellationToken cancellationToken,
        IReadOnlyList<ConnectionEndpoints?>? connections = null)
    {
        var results = Supervised(model, records);
        List<Alert>? raised = null;
        for (var i = 0; i < results.Length; i++)
            if (results[i].Label == Labels.Attack)
                (raised ??= []).Add(AlertFor(endpoint, records[i], results[i], null, connections?[i]));
        if (raised is not null) await alerts.EnqueueAsync(raised, cancellationToken);
        ServiceMetrics.RecordsScored(model.Name, records.Count);
        return results;
    }

    public async ValueTask<UnsupervisedResult[]> ScoreAsync(LoadedModel model, IReadOnlyList<ConnectionRecord> records, string endpoint, CancellationToken cancellationToken,
        IReadOnlyList<ConnectionEndpoints?>? connections = null)
    {
        var results = Unsupervised(model, records);
        List<Alert>? raised = null;
        for (var i = 0; i < results.Length; i++)
            if (results[i].Anomalous)
                (raised ??= []).Add(AlertFor(endpoint, records[i], null, results[i], connections?[i]));
        if (raised is not null) await alerts.EnqueueAsync(raised, cancellationToken);
        ServiceMetrics.RecordsScored(model.Name, records.Count);
        return results;
    }

    /// <param name="connections">Hosts, ports and start time per record (null where unknown), stored with its alert: records from traffic; null for none.</param>
    public async ValueTask<DetectResult[]> DetectAsync(LoadedModel supervised, LoadedModel? unsupervised, IReadOnlyList<ConnectionRecord> records, string endpoint,
        CancellationToken cancellationToken, IReadOnlyList<ConnectionEndpoints?>? connections = null)
    {
        var first = Supervised(supervised, records);
        var second = unsupervised is null ? null : Unsupervised(unsupervised, records);
        var results = new DetectResult[records.Count];
        List<Alert>? raised = null;
        for (var i = 0; i < results.Length; i++)
        {
            var s = first[i];
            var u = second?[i];
            string[] flaggedBy = (s.Label == Labels.Attack, u?.Anomalous == true) switch
            {
                (true, true) => ["supervised", "unsupervised"],
                (true, false) => ["supervised"],
                (false, true) => ["unsupervised"],
                _ => [],
            };
            results[i] = new DetectResult(flaggedBy.Length > 0 ? Labels.Attack : Labels.Normal, flaggedBy, s, u);
            if (flaggedBy.Length > 0) (raised ??= []).Add(AlertFor(endpoint, records[i], s, u, connections?[i]));
        }
        if (raised is not null) await alerts.EnqueueAsync(raised, cancellationToken);
        ServiceMetrics.RecordsScored(supervised.Name, records.Count);
        if (unsupervised is not null) ServiceMetrics.RecordsScored(unsupervised.Name, records.Count);
        return results;
    }

    /// <summary>The alert for a flagged record: labelled attack when the supervised model flagged it, else anomaly.</summary>
    public static Alert AlertFor(string endpoint, ConnectionRecord record, SupervisedResult? supervised, UnsupervisedResult? unsupervised,
        ConnectionEndpoints? connection = null) => new(
        0,
        DateTimeOffset.UtcNow,
        endpoint,
        supervised?.Label == Labels.Attack ? Labels.Attack : Labels.Anomaly,
        supervised?.Family,
        supervised?.Model.Name,
        supervised?.Model.Version,
        supervised?.AttackProbability,
        unsupervised?.Model.Name,
        unsupervised?.Model.Version,
        unsupervised?.AnomalyScore,
        record,
        connection);

    public static SupervisedResult[] Supervised(LoadedModel model, IReadOnlyList<ConnectionRecord> records)
    {
        var detector = model.Detector;
        var scores = detector.Score(records);
        var reference = new ModelRef(model.Name, model.Version);
        var results = new SupervisedResult[scores.Length];
        for (var i = 0; i < scores.Length; i++)
            results[i] = new SupervisedResult(detector.IsAttack(scores[i]) ? Labels.Attack : Labels.Normal, scores[i], detector.Threshold, null, reference,
                model.UnseenCategories(records[i]));
        return results;
    }

    public static UnsupervisedResult[] Unsupervised(LoadedModel model, IReadOnlyList<ConnectionRecord> records)
    {
        var detector = model.Detector;
        var scores = detector.Score(records);
        var reference = new ModelRef(model.Name, model.Version);
        var results = new UnsupervisedResult[scores.Length];
        for (var i = 0; i < scores.Length; i++)
            results[i] = new UnsupervisedResult(scores[i], detector.IsAttack(scores[i]), detector.Threshold, reference, model.UnseenCategories(records[i]));
        return results;
    }
}
