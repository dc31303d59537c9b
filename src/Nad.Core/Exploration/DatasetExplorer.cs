using Nad.Core.Detectors;
using Nad.Core.Exploration.Statistics;
using Nad.Core.Records;

namespace Nad.Core.Exploration;

/// <summary>
/// Builds the <see cref="ExplorationReport"/> of a dataset: overview, class balance, feature
/// summaries, correlations, hypothesis tests and, given a second dataset, how it differs.
/// Pure computation: rendering is someone else's job (Nad.Reports).
/// </summary>
public static class DatasetExplorer
{
    /// <summary>How many of the most correlated pairs the report lists.</summary>
    public const int TopPairs = 20;

    public static ExplorationReport Explore(ConnectionDataset data, ConnectionDataset? compare = null, IProgress<TrainingProgress>? progress = null)
    {
        if (data.Count == 0) throw new ArgumentException($"{data.Source} has no rows to explore.");
        progress?.Report(new TrainingProgress("overview", 0));
        var columns = new NumericColumns(data);
        var groups = ClassGroups.Of(data);
        var overview = Overview(data, columns);
        var constant = overview.ConstantColumns.Select(c => c.Name).ToHashSet();

        progress?.Report(new TrainingProgress("features", 0.1));
        var numericColumns = data.Schema.FeatureColumns.Where(c => !c.IsCategorical).ToArray();
        var numeric = numericColumns.AsParallel().AsOrdered()
            .Select(c => NumericSummary(c, columns, groups, constant.Contains(c.Name))).ToArray();
        var categorical = data.Schema.FeatureColumns.Where(c => c.IsCategorical).Select(c => CategoricalSummary(c, data)).ToArray();

        progress?.Report(new TrainingProgress("correlations", 0.3));
        var varying = numericColumns.Where(c => !constant.Contains(c.Name)).ToArray();
        var correlations = Correlations(varying, columns);

        progress?.Report(new TrainingProgress("hypothesis tests", 0.5));
        var tests = data.HasLabels
            ? new HypothesisTesting(data, columns, groups).Run(varying,
                new Progress(f => progress?.Report(new TrainingProgress("hypothesis tests", 0.5 + 0.3 * f))))
            : [];

        DatasetComparison? comparison = null;
        if (compare is not null)
        {
            progress?.Report(new TrainingProgress($"comparing with {Path.GetFileName(compare.Source)}", 0.8));
            comparison = DatasetComparer.Compare(data, columns, compare);
        }
        progress?.Report(new TrainingProgress("done", 1));
        return new ExplorationReport(data.Source, overview, data.HasLabels ? Balance(data) : null, numeric, categorical, correlations, tests, comparison);
    }

    private static DatasetOverview Overview(ConnectionDataset data, NumericColumns columns)
    {
        var details = new List<ColumnOverview>();
        var constant = new List<ConstantColumn>();
        foreach (var column in data.Schema.FeatureColumns)
        {
            var distinct = column.IsCategorical
                ? data.Records.Select(r => r.Categorical(column.ValueIndex)).Distinct().Count()
                : columns[column].Distinct().Count();
            details.Add(new ColumnOverview(column.Name, column.Kind.ToString(), column.Group, column.Description, distinct, 0));
            if (distinct == 1)
                constant.Add(new ConstantColumn(column.Name, column.IsCategorical
                    ? data.Records[0].Categorical(column.ValueIndex)
                    : EffectSize.N(columns[column][0])));
        }
        var (duplicates, featureDuplicates, conflicting) = DuplicateRows.Count(data);
        var findings = new List<string>();
        foreach (var c in constant)
            findings.Add($"{c.Name} is constant: every one of the {data.Count:N0} rows has {c.Name} = {c.Value}. It carries no information; models and tests skip it.");
        if (featureDuplicates > 0)
            findings.Add($"{featureDuplicates:N0} rows ({(double)featureDuplicates / data.Count:P2}) repeat an earlier row's {data.Schema.Columns.Count} features"
                + (data.HasLabels ? $"; {duplicates:N0} also repeat its label, and {conflicting:N0} groups of identical features carry different labels." : "."));
        findings.Add(data.Schema.IndicatorColumns.Count == 0
            ? "No missing values: the reader rejects empty or malformed fields, naming the line and column."
            : $"Missing cells (Infinity, NaN, empty, 'absent' values) in {string.Join(", ", data.Schema.IndicatorColumns.Select(c => c.Name))} were cleaned by the reader's named policies and flagged in their '(missing)' indicator columns; other empty or malformed fields are rejected.");
        var labelColumns = (data.HasLabels ? 1 : 0) + (data.Difficulties is null ? 0 : 1);
        return new DatasetOverview(data.Count, data.Schema.Columns.Count + labelColumns, data.HasLabels, data.Difficulties is not null,
            details, MissingCells(data, columns), duplicates, featureDuplicates, conflicting, constant, findings);
    }

    // Cells the reader found missing (Infinity, NaN, empty, 'absent'): the 1s of the missing indicators. NSL-KDD has none.
    private static long MissingCells(ConnectionDataset data, NumericColumns columns)
    {
        long missing = 0;
        foreach (var indicator in data.Schema.IndicatorColumns)
            missing += columns[indicator.IndicatorName].LongCount(v => v != 0);
        return missing;
    }

    internal static ClassBalance Balance(ConnectionDataset data)
    {
        var labels = data.RequireLabels();
        double n = labels.Count;
        var attacks = labels.Count(l => l.IsAttack);
        return new ClassBalance(
            [
                new ClassCount(ClassGroups.Normal, ClassGroups.Normal, labels.Count - attacks, (labels.Count - attacks) / n),
                new ClassCount(ClassGroups.Attack, ClassGroups.Attack, attacks, attacks / n),
            ],
            labels.GroupBy(l => l.FamilyName, StringComparer.Ordinal).OrderBy(g => ClassGroups.FamilyOrder(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ClassCount(g.Key, g.Key, g.Count(), g.Count() / n)).ToArray(),
            labels.GroupBy(l => l.Name).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ClassCount(g.Key, g.First().FamilyName, g.Count(), g.Count() / n)).ToArray());
    }

    private static NumericFeatureSummary NumericSummary(FeatureColumn column, NumericColumns columns, ClassGroups groups, bool isConstant)
    {
        var byClass = groups.Groups.Where(g => g.Name != ClassGroups.All)
            .ToDictionary(g => g.Name, g => Descriptive.Of(columns.Select(column, g.Rows)));
        var histogramGroups = groups.Groups.Where(g => g.Name is ClassGroups.All or ClassGroups.Normal or ClassGroups.Attack);
        return new NumericFeatureSummary(column.Name, column.Kind.ToString(), column.Group, column.Description, isConstant,
            Descriptive.Of(columns[column]), byClass, HistogramBuilder.Build(columns[column], histogramGroups));
    }

    private static CategoricalFeatureSummary CategoricalSummary(FeatureColumn column, ConnectionDataset data)
    {
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal); // total, normal, attack
        for (var r = 0; r < data.Count; r++)
        {
            var value = data.Records[r].Categorical(column.ValueIndex);
            if (!counts.TryGetValue(value, out var c)) counts[value] = c = new int[3];
            c[0]++;
            if (data.Labels is { } labels) c[labels[r].IsAttack ? 2 : 1]++;
        }
        var values = counts.OrderByDescending(kv => kv.Value[0]).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new CategoryCount(kv.Key, kv.Value[0], kv.Value[1], kv.Value[2])).ToArray();
        return new CategoricalFeatureSummary(column.Name, column.Description, values.Length, values);
    }

    private static CorrelationSummary Correlations(FeatureColumn[] varying, NumericColumns columns)
    {
        var data = varying.Select(c => columns[c]).ToArray();
        var pearson = Correlation.PearsonMatrix(data);
        var spearman = Correlation.SpearmanMatrix(data);
        var pairs = new List<CorrelatedPair>();
        for (var i = 0; i < varying.Length; i++)
            for (var j = i + 1; j < varying.Length; j++)
                pairs.Add(new CorrelatedPair(varying[i].Name, varying[j].Name, pearson[i, j], spearman[i, j]));
        return new CorrelationSummary(
            varying.Select(c => c.Name).ToArray(),
            pearson.ToRowArrays(),
            spearman.ToRowArrays(),
            pairs.OrderByDescending(p => Math.Max(Math.Abs(p.Pearson), Math.Abs(p.Spearman))).Take(TopPairs).ToArray());
    }

    // Synchronous, unlike System.Progress<T>, so stages arrive in order.
    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
