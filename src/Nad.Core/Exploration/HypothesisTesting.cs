using Nad.Core.Exploration.Statistics;
using Nad.Core.Records;

namespace Nad.Core.Exploration;

/// <summary>
/// Runs the report's hypothesis tests, then adjusts all their p-values together
/// (Benjamini-Hochberg) and writes each conclusion from the adjusted value.
/// </summary>
internal sealed class HypothesisTesting(ConnectionDataset data, NumericColumns columns, ClassGroups groups)
{
    public const string CategoricalCategory = "categorical feature vs label";
    public const string NumericCategory = "numeric feature, normal vs attack";
    public const string AnalystCategory = "analyst hypothesis";

    // A test before the multiple-testing correction: the conclusion needs the adjusted p-value.
    private sealed record Pending(HypothesisTestResult Draft, Func<bool, double, string> Conclude);

    private readonly List<Pending> _pending = [];

    public IReadOnlyList<HypothesisTestResult> Run(IEnumerable<FeatureColumn> testedNumeric, IProgress<double>? progress = null)
    {
        var numeric = testedNumeric.ToArray();
        foreach (var column in data.Schema.FeatureColumns.Where(c => c.IsCategorical))
            CategoricalVsLabel(column);
        for (var i = 0; i < numeric.Length; i++)
        {
            NormalVsAttack(numeric[i]);
            progress?.Report((i + 1.0) / (numeric.Length + 1));
        }
        // The analyst's questions name NSL-KDD's columns and families; other schemas get the per-feature tests only.
        if (data.Schema.IsNslKdd)
            foreach (var hypothesis in AnalystHypotheses.All)
                hypothesis.Run(this);
        progress?.Report(1);
        return Finish();
    }

    private IReadOnlyList<HypothesisTestResult> Finish()
    {
        var adjusted = BenjaminiHochberg.Adjust(_pending.Select(p => p.Draft.PValue).ToArray());
        return _pending.Select((p, i) =>
        {
            var significant = adjusted[i] < ExplorationReport.Alpha;
            return p.Draft with { AdjustedPValue = adjusted[i], Significant = significant, Conclusion = p.Conclude(significant, adjusted[i]) };
        }).ToArray();
    }

    private void CategoricalVsLabel(FeatureColumn column)
    {
        var table = Contingency(r => data.Records[r].Categorical(column.ValueIndex), [ClassGroups.Normal, ClassGroups.Attack]);
        var result = ChiSquareTest.Independence(table.Counts);
        AddChiSquare($"chi2-{column.Name}", CategoricalCategory,
            $"Does {column.Name} depend on whether a connection is an attack?",
            $"{column.Name} and the normal/attack label are independent: every {column.Name} value has the same attack share.",
            column.Name, $"{table.Values.Count} values x normal/attack", result,
            significant => significant
                ? $"{column.Name} depends on the label: Cramer's V = {EffectSize.N(result.CramersV)} ({EffectSize.Magnitude(result.CramersV)})."
                : $"No evidence that {column.Name} depends on the label.");
    }

    private void NormalVsAttack(FeatureColumn column)
    {
        if (!groups.Has(ClassGroups.Normal) || !groups.Has(ClassGroups.Attack)) return;
        var attack = columns.Select(column, groups.Rows(ClassGroups.Attack));
        var normal = columns.Select(column, groups.Rows(ClassGroups.Normal));
        var sizes = $"attack (n={attack.Length:N0}) vs normal (n={normal.Length:N0})";
        var (medianAttack, medianNormal) = (Descriptive.Of(attack), Descriptive.Of(normal));

        var mw = MannWhitneyTest.Run(attack, normal);
        AddMannWhitney($"mw-{column.Name}", NumericCategory,
            $"Do attack and normal connections differ in {column.Name}?",
            $"{column.Name} has the same distribution in attack and normal connections (neither tends to be larger).",
            column.Name, sizes, mw, medianAttack, medianNormal,
            significant => significant
                ? $"Attack {column.Name} tends to be {(mw.RankBiserial > 0 ? "higher" : "lower")} than normal (rank-biserial {EffectSize.N(mw.RankBiserial)}, {EffectSize.Magnitude(mw.RankBiserial)}; {Centres(medianAttack, medianNormal)})."
                : $"No evidence that attack and normal {column.Name} differ.");

        var ks = KolmogorovSmirnovTest.Run(attack, normal);
        Add(new HypothesisTestResult($"ks-{column.Name}", NumericCategory,
            $"Is the shape of {column.Name} different in attack and normal connections?",
            $"{column.Name} follows the same distribution in attack and normal connections.",
            ks.Exact ? "Kolmogorov-Smirnov two-sample (exact)" : "Kolmogorov-Smirnov two-sample (asymptotic)",
            column.Name, sizes, "D", ks.D, ks.PValue, double.NaN, "KS distance D", ks.D, EffectSize.Magnitude(ks.D), false, "",
            new Dictionary<string, double> { ["n_attack"] = ks.N1, ["n_normal"] = ks.N2 }),
            (significant, _) => significant
                ? $"The distributions differ: the CDFs are up to {ks.D:P0} apart ({EffectSize.Magnitude(ks.D)})."
                : "No evidence that the distributions differ.");
    }

    /// <summary>Mann-Whitney U between two class groups, for a directional or two-sided analyst hypothesis.</summary>
    internal void Compare(string id, string question, string nullHypothesis, string feature, string first, string second, Alternative alternative, string supported)
    {
        if (!groups.Has(first) || !groups.Has(second)) return;
        var column = NslKddSchema.Get(feature);
        var x = columns.Select(column, groups.Rows(first));
        var y = columns.Select(column, groups.Rows(second));
        var (dx, dy) = (Descriptive.Of(x), Descriptive.Of(y));
        var result = MannWhitneyTest.Run(x, y, alternative);
        var direction = alternative switch { Alternative.Less => "one-sided, lower", Alternative.Greater => "one-sided, higher", _ => "two-sided" };
        AddMannWhitney(id, AnalystCategory, question, nullHypothesis, feature,
            $"{first} (n={x.Length:N0}) vs {second} (n={y.Length:N0})", result, dx, dy,
            significant => Verdict(significant, result.RankBiserial, supported)
                + $" {char.ToUpperInvariant(Centres(dx, dy)[0])}{Centres(dx, dy)[1..]}; rank-biserial {EffectSize.N(result.RankBiserial)} ({EffectSize.Magnitude(result.RankBiserial)}).",
            $"Mann-Whitney U ({direction})");
    }

    /// <summary>Chi-square test of a feature against the attack family (normal and each family present).</summary>
    internal void DependsOnFamily(string id, string question, string nullHypothesis, string feature, string supported)
    {
        if (!data.HasLabels) return;
        var column = NslKddSchema.Get(feature);
        Func<int, string> value = column.IsCategorical
            ? r => data.Records[r].Categorical(column.ValueIndex)
            : r => EffectSize.N(data.Records[r].Numeric[column.ValueIndex]);
        var classes = groups.Groups.Select(g => g.Name).Where(n => n != ClassGroups.Attack).ToArray();
        var table = Contingency(value, classes);
        var result = ChiSquareTest.Independence(table.Counts);
        AddChiSquare(id, AnalystCategory, question, nullHypothesis, feature,
            $"{table.Values.Count} values x {string.Join("/", classes)}", result,
            significant => Verdict(significant, result.CramersV, supported)
                + (significant ? $" Cramer's V = {EffectSize.N(result.CramersV)} ({EffectSize.Magnitude(result.CramersV)})." : ""));
    }

    /// <summary>
    /// Supported, or not; a significant but negligible effect is said so, because with 100k rows
    /// a difference nobody could use is still "significant".
    /// </summary>
    private static string Verdict(bool significant, double effect, string supported) =>
        !significant ? $"Not supported: no evidence that {supported.TrimEnd('.')}."
        : EffectSize.Magnitude(effect) == "negligible" ? $"Significant but negligible: {supported}"
        : $"Supported: {supported}";

    private static string Centres(Descriptive first, Descriptive second) =>
        $"medians {EffectSize.N(first.Median)} vs {EffectSize.N(second.Median)}, means {EffectSize.N(first.Mean)} vs {EffectSize.N(second.Mean)}";

    private (long[,] Counts, IReadOnlyList<string> Values) Contingency(Func<int, string> value, IReadOnlyList<string> classes)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<long[]>();
        for (var c = 0; c < classes.Count; c++)
            foreach (var r in groups.Rows(classes[c]))
            {
                var v = value(r);
                if (!index.TryGetValue(v, out var i))
                {
                    index[v] = i = rows.Count;
                    rows.Add(new long[classes.Count]);
                }
                rows[i][c]++;
            }
        var table = new long[rows.Count, classes.Count];
        for (var i = 0; i < rows.Count; i++)
            for (var c = 0; c < classes.Count; c++)
                table[i, c] = rows[i][c];
        return (table, index.Keys.ToArray());
    }

    private void AddChiSquare(string id, string category, string question, string nullHypothesis, string feature, string groupsText, ChiSquareResult result, Func<bool, string> conclude) =>
        Add(new HypothesisTestResult(id, category, question, nullHypothesis, "Chi-square test of independence", feature, groupsText,
            "chi2", result.Statistic, result.PValue, double.NaN, "Cramer's V", result.CramersV, EffectSize.Magnitude(result.CramersV), false, "",
            new Dictionary<string, double> { ["dof"] = result.DegreesOfFreedom, ["n"] = result.N }),
            (significant, _) => conclude(significant));

    private void AddMannWhitney(string id, string category, string question, string nullHypothesis, string feature, string groupsText,
        MannWhitneyResult result, Descriptive first, Descriptive second, Func<bool, string> conclude, string test = "Mann-Whitney U (two-sided)") =>
        Add(new HypothesisTestResult(id, category, question, nullHypothesis, test, feature, groupsText,
            "U", result.U, result.PValue, double.NaN, "rank-biserial r", result.RankBiserial, EffectSize.Magnitude(result.RankBiserial), false, "",
            new Dictionary<string, double>
            {
                ["z"] = result.Z,
                ["n1"] = result.N1,
                ["n2"] = result.N2,
                ["mean1"] = first.Mean,
                ["mean2"] = second.Mean,
                ["median1"] = first.Median,
                ["median2"] = second.Median,
            }),
            (significant, _) => conclude(significant));

    private void Add(HypothesisTestResult draft, Func<bool, double, string> conclude) =>
        _pending.Add(new Pending(draft, (significant, q) => $"{conclude(significant, q)} (BH-adjusted p {EffectSize.P(q)})"));
}
