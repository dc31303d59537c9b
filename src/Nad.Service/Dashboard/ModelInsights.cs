using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Nad.Core.Evaluation;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Service.Models;

namespace Nad.Service.Dashboard;

/// <summary>
/// What the Models page shows beyond the manifest: each model measured on KDDTest+ (metrics,
/// confusion matrix, ROC curve, recall per family) and its permutation importance (Breiman 2001:
/// shuffle one column, measure the ROC-AUC lost; model-agnostic, so it works for every detector).
/// Computed once per model version on first request and cached; the test file is read once.
/// </summary>
public sealed class ModelInsights(IOptions<DashboardOptions> options)
{
    private const int RocPoints = 200;
    private readonly ConcurrentDictionary<string, Lazy<Task<ModelEvaluation>>> _evaluations = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<FeatureImportance>>>> _importances = new();
    private readonly Lazy<(ConnectionDataset Data, string Name)?> _testData = new(() => LoadTestData(options.Value.EvaluationRows));

    /// <summary>False when the bundled KDDTest+ file cannot be found (a deployment without data/).</summary>
    public bool HasTestData => _testData.Value is not null;

    public Task<ModelEvaluation> EvaluateAsync(LoadedModel model) => CachedAsync(_evaluations, Key(model), () => Evaluate(model));

    public Task<IReadOnlyList<FeatureImportance>> ImportanceAsync(LoadedModel model) => CachedAsync(_importances, Key(model), () => Importance(model));

    // One computation per key however many requests ask at once; a failure is not cached, so a later request retries.
    private static async Task<T> CachedAsync<T>(ConcurrentDictionary<string, Lazy<Task<T>>> cache, string key, Func<T> compute)
    {
        var entry = cache.GetOrAdd(key, _ => new(() => Task.Run(compute)));
        try
        {
            return await entry.Value;
        }
        catch
        {
            cache.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(key, entry));
            throw;
        }
    }

    private static string Key(LoadedModel model) => model.Name + "@" + model.Version;

    private ModelEvaluation Evaluate(LoadedModel model)
    {
        var (data, name) = _testData.Value ?? throw new InvalidOperationException("KDDTest+ is not available.");
        var labels = data.RequireLabels();
        var truth = labels.Select(l => l.IsAttack).ToArray();
        var scores = model.Detector.Score(data.Records);
        var threshold = model.Detector.Threshold;
        var families = labels.Select((l, i) => (l.Family, Flagged: scores[i] >= threshold))
            .Where(x => x.Family != AttackFamily.Normal)
            .GroupBy(x => x.Family)
            .OrderBy(g => g.Key)
            .Select(g => new FamilyRecall(g.Key.ToString(), g.Count(), (double)g.Count(x => x.Flagged) / g.Count()))
            .ToArray();
        return new ModelEvaluation(model.Name, model.Version, name, data.Count, threshold, BinaryMetrics.Compute(truth, scores, threshold),
            Roc(truth, scores), families);
    }

    private IReadOnlyList<FeatureImportance> Importance(LoadedModel model)
    {
        var (data, _) = _testData.Value ?? throw new InvalidOperationException("KDDTest+ is not available.");
        // An evenly spaced sample keeps both classes and every part of the file.
        var step = Math.Max(1, data.Count / options.Value.ImportanceRows);
        var rows = Enumerable.Range(0, data.Count).Where(i => i % step == 0).Take(options.Value.ImportanceRows).ToArray();
        var sample = data.Subset(rows);
        var truth = sample.RequireLabels().Select(l => l.IsAttack).ToArray();
        var records = sample.Records;
        var baseline = RankMetrics.RocAuc(truth, model.Detector.Score(records));
        var random = new Random(42);
        var result = new List<FeatureImportance>(NslKddSchema.FeatureCount);
        foreach (var column in NslKddSchema.Columns)
        {
            var order = Enumerable.Range(0, records.Count).ToArray();
            random.Shuffle(order);
            var shuffled = new ConnectionRecord[records.Count];
            for (var i = 0; i < records.Count; i++) shuffled[i] = WithColumn(records[i], records[order[i]], column);
            var auc = RankMetrics.RocAuc(truth, model.Detector.Score(shuffled));
            result.Add(new FeatureImportance(column.Name, column.Group, baseline - auc));
        }
        return [.. result.OrderByDescending(f => f.AucDrop)];
    }

    /// <summary><paramref name="record"/> with <paramref name="column"/> taken from <paramref name="donor"/>.</summary>
    private static ConnectionRecord WithColumn(ConnectionRecord record, ConnectionRecord donor, FeatureColumn column)
    {
        if (!column.IsCategorical)
        {
            var numeric = (double[])record.Numeric.Clone();
            numeric[column.ValueIndex] = donor.Numeric[column.ValueIndex];
            return new ConnectionRecord(record.ProtocolType, record.Service, record.Flag, numeric);
        }
        var values = new[] { record.ProtocolType, record.Service, record.Flag };
        values[column.ValueIndex] = donor.Categorical(column.ValueIndex);
        return new ConnectionRecord(values[0], values[1], values[2], record.Numeric);
    }

    /// <summary>The ROC curve, thinned to about <see cref="RocPoints"/> points (ties kept together).</summary>
    public static IReadOnlyList<RocPoint> Roc(IReadOnlyList<bool> truth, IReadOnlyList<double> scores)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        double positives = truth.Count(t => t), negatives = truth.Count - positives;
        if (positives == 0 || negatives == 0) return [];
        var curve = new List<RocPoint> { new(0, 0) };
        long tp = 0, fp = 0;
        var every = Math.Max(1, order.Length / RocPoints);
        for (var k = 0; k < order.Length; k++)
        {
            if (truth[order[k]]) tp++; else fp++;
            var lastOfTie = k == order.Length - 1 || scores[order[k + 1]] != scores[order[k]];
            if (lastOfTie && (k % every == 0 || k == order.Length - 1)) curve.Add(new(fp / negatives, tp / positives));
        }
        return curve;
    }

    private static (ConnectionDataset, string)? LoadTestData(int rows)
    {
        string path;
        try
        {
            path = BundledData.TestPlus;
        }
        catch (DataFormatException)
        {
            return null;
        }
        if (!File.Exists(path)) return null;
        var data = NslKddReader.ReadFile(path);
        if (rows <= 0 || rows >= data.Count) return (data, "KDDTest+");
        // Evenly spaced rows: the file's first rows are not a fair sample of it.
        var step = data.Count / rows;
        return (data.Subset([.. Enumerable.Range(0, rows).Select(i => i * step)]), $"KDDTest+ ({rows:N0} of {data.Count:N0} rows)");
    }
}
