using Nad.Core.Exploration.Statistics;

namespace Nad.Core.Exploration;

/// <summary>
/// Everything <c>nad explore</c> found in a data file, as plain numbers: the HTML report draws
/// from it and it is written out whole as JSON, so every number in the report is in the JSON.
/// </summary>
public sealed record ExplorationReport(
    string Source,
    DatasetOverview Overview,
    ClassBalance? Balance,
    IReadOnlyList<NumericFeatureSummary> NumericFeatures,
    IReadOnlyList<CategoricalFeatureSummary> CategoricalFeatures,
    CorrelationSummary Correlations,
    IReadOnlyList<HypothesisTestResult> Tests,
    DatasetComparison? Comparison)
{
    /// <summary>The false discovery rate the tests are judged at (Benjamini-Hochberg).</summary>
    public const double Alpha = 0.05;
}

/// <summary>Rows, columns and data quality.</summary>
/// <param name="DuplicateRows">Rows equal to an earlier row in all 41 features and the label.</param>
/// <param name="DuplicateFeatureRows">Rows equal to an earlier row in the 41 features (label ignored).</param>
/// <param name="ConflictingDuplicates">Feature-identical groups whose rows carry different labels.</param>
/// <param name="Findings">Plain-language observations, e.g. constant columns.</param>
public sealed record DatasetOverview(
    int Rows,
    int Columns,
    bool HasLabels,
    bool HasDifficulty,
    IReadOnlyList<ColumnOverview> ColumnDetails,
    long MissingValues,
    int DuplicateRows,
    int DuplicateFeatureRows,
    int ConflictingDuplicates,
    IReadOnlyList<ConstantColumn> ConstantColumns,
    IReadOnlyList<string> Findings);

/// <param name="Missing">Always 0 after reading: the reader rejects empty fields, naming line and column.</param>
public sealed record ColumnOverview(string Name, string Kind, string Group, string Description, int DistinctValues, long Missing);

public sealed record ConstantColumn(string Name, string Value);

/// <summary>Normal vs attack, by family, by attack name.</summary>
public sealed record ClassBalance(IReadOnlyList<ClassCount> NormalVsAttack, IReadOnlyList<ClassCount> ByFamily, IReadOnlyList<ClassCount> ByAttackName);

/// <param name="Family">The family of an attack name; the class itself for the other two tables.</param>
public sealed record ClassCount(string Name, string Family, int Count, double Share);

/// <summary>One numeric feature: overall and per-class summaries and a histogram per class.</summary>
/// <param name="ByClass">Keyed "normal", "attack", then each family present (DoS, Probe, R2L, U2R, Unknown).</param>
public sealed record NumericFeatureSummary(
    string Name,
    string Kind,
    string Group,
    string Description,
    bool IsConstant,
    Descriptive Overall,
    IReadOnlyDictionary<string, Descriptive> ByClass,
    Histogram Histogram);

/// <summary>
/// Counts per bin and class. When <see cref="LogScale"/> is set the edges are log10(1 + value),
/// because the values span several orders of magnitude (srcbytes, duration, ...).
/// </summary>
/// <param name="Counts">Keyed like <see cref="NumericFeatureSummary.ByClass"/> ("all" when unlabelled); one count per bin.</param>
public sealed record Histogram(bool LogScale, IReadOnlyList<double> Edges, IReadOnlyDictionary<string, IReadOnlyList<int>> Counts);

/// <summary>Value counts of a categorical feature, overall and by class.</summary>
public sealed record CategoricalFeatureSummary(string Name, string Description, int DistinctValues, IReadOnlyList<CategoryCount> Values);

public sealed record CategoryCount(string Value, int Total, int Normal, int Attack);

/// <summary>Pearson and Spearman matrices over the non-constant numeric features, and the strongest pairs.</summary>
public sealed record CorrelationSummary(
    IReadOnlyList<string> Features,
    IReadOnlyList<IReadOnlyList<double>> Pearson,
    IReadOnlyList<IReadOnlyList<double>> Spearman,
    IReadOnlyList<CorrelatedPair> TopPairs);

public sealed record CorrelatedPair(string First, string Second, double Pearson, double Spearman);

/// <summary>
/// One hypothesis test: what it asks in words, the test, its numbers, the Benjamini-Hochberg
/// adjusted p-value over every test in the report, and a one-line conclusion.
/// </summary>
/// <param name="Category">"categorical feature vs label", "numeric feature, normal vs attack" or "analyst hypothesis".</param>
/// <param name="Groups">What is compared, e.g. "attack (n=58,630) vs normal (n=67,343)".</param>
/// <param name="Details">Extra numbers the conclusion cites (medians, shares, degrees of freedom).</param>
public sealed record HypothesisTestResult(
    string Id,
    string Category,
    string Question,
    string NullHypothesis,
    string Test,
    string Feature,
    string Groups,
    string StatisticName,
    double Statistic,
    double PValue,
    double AdjustedPValue,
    string EffectSizeName,
    double EffectSize,
    string EffectMagnitude,
    bool Significant,
    string Conclusion,
    IReadOnlyDictionary<string, double> Details);

/// <summary>How a second file differs from the first (a comparison file).</summary>
/// <param name="UnseenAttackShare">Share of the second file's rows whose attack name never occurs in the first.</param>
public sealed record DatasetComparison(
    string BaseSource,
    string CompareSource,
    int BaseRows,
    int CompareRows,
    IReadOnlyList<ClassCount>? CompareByFamily,
    IReadOnlyList<FeatureShift> Features,
    IReadOnlyList<ClassCount> AttackNamesOnlyInBase,
    IReadOnlyList<ClassCount> AttackNamesOnlyInCompare,
    double UnseenAttackShare,
    IReadOnlyList<CategoryOnlyInOne> CategoryValuesOnlyInCompare,
    IReadOnlyList<string> Findings);

/// <param name="KsD">Two-sample KS statistic (numeric features only; NaN for categorical).</param>
/// <param name="Shift">"stable" (PSI &lt; 0.1), "moderate" (&lt; 0.25) or "large".</param>
public sealed record FeatureShift(string Feature, string Kind, double Psi, double KsD, double KsPValue, string Shift);

public sealed record CategoryOnlyInOne(string Feature, string Value, int Count);
