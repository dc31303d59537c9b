using System.Globalization;
using Nad.Core.Detectors;
using Nad.Core.Records;

namespace Nad.Core.Explanations;

/// <summary>
/// Explains one record's score for any <see cref="IDetector"/> by asking it about copies of the
/// record: (a) each feature alone set to its baseline value, all copies scored in one batch
/// call, contribution = score(x) − score(copy); (b) a greedy counterfactual: starting from the
/// best single feature of that same batch, add the feature that lowers the score most (one batch
/// per further step) until the score is under the threshold or the size limit is reached.
/// Model-agnostic: it uses only <see cref="IDetector.Score"/>, never a model's internals.
/// </summary>
public sealed class AlertExplainer(IDetector detector, NormalBaseline? baseline, ExplanationOptions? options = null)
{
    private readonly ExplanationOptions _options = Checked(options ?? ExplanationOptions.Default);

    public IDetector Detector => detector;

    public AlertExplanation Explain(ConnectionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (baseline is null)
            return AlertExplanation.Missing(detector.Name, detector.Score(record), detector.Threshold);

        // Features already at their typical value cannot contribute; they get no copy.
        var candidates = baseline.Features.Where(f => f.Columns.Any(c => !baseline.IsTypical(record, c))).ToArray();
        var batch = new ConnectionRecord[candidates.Length + 1];
        batch[0] = record;
        for (var i = 0; i < candidates.Length; i++) batch[i + 1] = baseline.Apply(record, candidates[i].Columns);
        var scores = detector.Score(batch);
        var score = scores[0];

        var contributions = new FeatureContribution[candidates.Length];
        var total = 0.0;
        for (var i = 0; i < candidates.Length; i++)
        {
            contributions[i] = Contribution(record, candidates[i], score - scores[i + 1], scores[i + 1]);
            total += score - scores[i + 1];
        }
        var top = contributions
            .Select((c, i) => (c, i)).OrderByDescending(p => Math.Abs(p.c.Contribution)).ThenBy(p => p.i)
            .Take(_options.Top).Select(p => p.c).ToArray();
        var isAttack = score >= detector.Threshold;
        var counterfactual = isAttack
            ? SearchCounterfactual(record, candidates, scores)
            : new Counterfactual(true, [], [], score, _options.MaxCounterfactualFeatures,
                $"It scores {Number(score)}, under the threshold {Number(detector.Threshold)}, as it is.");
        return new AlertExplanation(detector.Name, score, detector.Threshold, isAttack, top, total, counterfactual, null);
    }

    private Counterfactual SearchCounterfactual(ConnectionRecord record, ExplainedFeature[] candidates, double[] singleScores)
    {
        if (candidates.Length == 0)
            return new Counterfactual(false, [], [], double.NaN, _options.MaxCounterfactualFeatures,
                "Every feature already has its typical value, so no change to typical values can make it look normal.");
        var chosen = new List<ExplainedFeature>();
        var remaining = candidates.ToList();
        var current = record;
        double best;
        // Step one reuses the single-feature batch: its scores are exactly "this feature alone at baseline".
        // Every step picks one feature; the loop ends on a break (under the threshold, size limit, or none left).
        var stepScores = singleScores.AsSpan(1).ToArray();
        while (true)
        {
            var pick = 0;
            for (var i = 1; i < stepScores.Length; i++)
                if (stepScores[i] < stepScores[pick]) pick = i;
            best = stepScores[pick];
            chosen.Add(remaining[pick]);
            remaining.RemoveAt(pick);
            if (best < detector.Threshold || chosen.Count >= _options.MaxCounterfactualFeatures || remaining.Count == 0) break;

            current = baseline!.Apply(current, chosen[^1].Columns);
            var batch = new ConnectionRecord[remaining.Count];
            for (var i = 0; i < remaining.Count; i++) batch[i] = baseline.Apply(current, remaining[i].Columns);
            stepScores = detector.Score(batch);
        }

        var changes = chosen.SelectMany(f => Changes(record, f)).ToArray();
        var found = best < detector.Threshold;
        var names = Join(chosen.Select(f => f.Name));
        var sentence = found
            ? $"It would have looked normal (score {Number(best)}, under the threshold {Number(detector.Threshold)}) if {names} had been typical ({Join(chosen.Select(f => Typical(f)))})."
            : $"No set of up to {_options.MaxCounterfactualFeatures} features set to typical values brings it under the threshold {Number(detector.Threshold)}; the closest, {names}, reaches {Number(best)}.";
        return new Counterfactual(found, [.. chosen.Select(f => f.Name)], changes, best, _options.MaxCounterfactualFeatures, sentence);
    }

    private FeatureContribution Contribution(ConnectionRecord record, ExplainedFeature feature, double contribution, double scoreAtBaseline)
    {
        var columns = Changes(record, feature);
        return new(feature.Name, feature.Description, string.Join(", ", columns.Select(c => c.Value)), Typical(feature),
            columns, contribution, scoreAtBaseline);
    }

    private FeatureChange[] Changes(ConnectionRecord record, ExplainedFeature feature) =>
        [.. feature.Columns.Select(c => new FeatureChange(c.Name, c.Description, NormalBaseline.Display(record, c), baseline!.Display(c)))];

    private string Typical(ExplainedFeature feature) => string.Join(", ", feature.Columns.Select(baseline!.Display));

    private static string Join(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list[..^1]) + " and " + list[^1];
    }

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static ExplanationOptions Checked(ExplanationOptions options)
    {
        options.Validate();
        return options;
    }
}
