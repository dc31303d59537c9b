using Nad.Core.Detectors;
using Nad.Core.Evaluation;
using Nad.Core.Records;

namespace Nad.Core.Training;

/// <summary>
/// Leave-attack-types-out validation. The attack names are split into K groups
/// (<see cref="AttackTypeGroups"/>) and the rows into K folds stratified by name; round k fits on
/// the rows outside fold k whose name is not in group k, and scores fold k plus every row of group
/// k's names. A threshold chosen on the pool anticipates attack types the final model has not seen,
/// which a random hold-out cannot: there the forest separates almost perfectly and any cut looks good.
/// </summary>
public static class NovelAttackValidation
{
    public static NovelAttackPool Run(
        IDetectorTrainer trainer,
        ConnectionDataset data,
        int groups,
        int seed,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var labels = data.RequireLabels();
        var nameGroups = AttackTypeGroups.Split(labels, groups, seed);
        var groupOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < nameGroups.Length; k++)
            foreach (var name in nameGroups[k]) groupOf[name] = k;
        var foldOf = new int[data.Count];
        var folds = StratifiedSplit.Folds(labels, groups, seed);
        for (var k = 0; k < folds.Length; k++)
            foreach (var row in folds[k]) foldOf[row] = k;

        var truth = new List<bool>(data.Count * 2);
        var scores = new List<double>(data.Count * 2);
        var novel = new List<bool>(data.Count * 2);
        var rows = new List<int>(data.Count * 2);
        for (var k = 0; k < groups; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var train = new List<int>();
            var scored = new List<int>();
            for (var i = 0; i < data.Count; i++)
            {
                var leftOut = groupOf.TryGetValue(labels[i].Name, out var g) && g == k;
                if (foldOf[i] == k || leftOut) scored.Add(i);
                else train.Add(i);
            }
            var stage = $"leaving out {string.Join(", ", nameGroups[k])} ({k + 1} of {groups})";
            var model = trainer.Fit(data.Subset(train, $"{data.Source} without fold {k + 1} and {stage}"),
                new ProgressSlice(progress, (double)k / groups, (k + 1.0) / groups, stage), cancellationToken).Model;
            var roundScores = model.Score(data.Subset(scored).Records);
            for (var j = 0; j < scored.Count; j++)
            {
                var label = labels[scored[j]];
                rows.Add(scored[j]);
                truth.Add(label.IsAttack);
                scores.Add(roundScores[j]);
                novel.Add(label.IsAttack && groupOf[label.Name] == k);
            }
        }
        progress?.Report(new TrainingProgress("leave-attack-types-out validation done", 1));
        return new NovelAttackPool([.. truth], [.. scores], [.. novel], [.. rows], nameGroups);
    }
}
