using System.Globalization;
using System.Net;
using System.Text;
using Nad.Core.Exploration;
using Nad.Core.Exploration.Statistics;

namespace Nad.Reports;

/// <summary>
/// Renders an <see cref="ExplorationReport"/> as one self-contained HTML page: inline CSS,
/// charts as base64 SVG images, no script and no network access, so it opens offline.
/// </summary>
public static class ExplorationHtml
{
    /// <summary>Section anchors, in page order (tests look for them).</summary>
    public static IReadOnlyList<string> SectionIds { get; } = ["overview", "class-balance", "features", "correlations", "hypothesis-tests", "comparison"];

    public static string Render(ExplorationReport report, IProgress<double>? progress = null)
    {
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>NAD exploration: {{E(Path.GetFileName(report.Source))}}</title>
            <style>
            body { font-family: "DejaVu Sans", Verdana, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; line-height: 1.45; }
            h1, h2, h3 { color: #113; } h2 { border-bottom: 2px solid #ccd; padding-bottom: .2em; margin-top: 2em; }
            table { border-collapse: collapse; margin: .6em 0 1.2em; font-size: 90%; }
            th, td { border: 1px solid #ccd; padding: .25em .55em; text-align: right; vertical-align: top; }
            th { background: #eef; } td.t, th.t { text-align: left; } td:not(.t) { white-space: nowrap; }
            .finding { background: #fff7e0; border-left: 4px solid #f0a500; padding: .4em .8em; margin: .4em 0; }
            .sig { color: #a00; font-weight: bold; } .ns { color: #666; }
            details { margin: .4em 0; } summary { cursor: pointer; font-weight: bold; }
            img { max-width: 100%; } nav a { margin-right: 1em; }
            </style></head><body>
            <h1>NAD exploration report</h1>
            <p>Data: <code>{{E(report.Source)}}</code>{{(report.Comparison is { } c ? $", compared with <code>{E(c.CompareSource)}</code>" : "")}}.
            Every number here is also in <code>report.json</code> beside this page.</p>
            <nav>{{string.Join("", SectionIds.Where(id => id != "comparison" || report.Comparison is not null).Select(id => $"<a href=\"#{id}\">{id.Replace('-', ' ')}</a>"))}}</nav>

            """);
        Overview(html, report.Overview);
        progress?.Report(0.1);
        if (report.Balance is { } balance) Balance(html, balance);
        progress?.Report(0.2);
        Features(html, report, f => progress?.Report(0.2 + 0.5 * f));
        Correlations(html, report.Correlations);
        progress?.Report(0.85);
        Tests(html, report.Tests);
        if (report.Comparison is { } comparison) Comparison(html, comparison);
        html.Append("</body></html>\n");
        progress?.Report(1);
        return html.ToString();
    }

    private static void Overview(StringBuilder html, DatasetOverview o)
    {
        html.Append($"""
            <h2 id="overview">Overview</h2>
            <table><tr><th class="t">rows</th><td>{o.Rows:N0}</td></tr>
            <tr><th class="t">columns</th><td>{o.Columns} ({o.Columns - (o.HasLabels ? 1 : 0) - (o.HasDifficulty ? 1 : 0)} features{(o.HasLabels ? " + attack label" : "")}{(o.HasDifficulty ? " + difficulty" : "")})</td></tr>
            <tr><th class="t">missing values</th><td>{o.MissingValues:N0}</td></tr>
            <tr><th class="t">duplicate rows (features and label)</th><td>{o.DuplicateRows:N0}</td></tr>
            <tr><th class="t">duplicate rows (features only)</th><td>{o.DuplicateFeatureRows:N0}</td></tr>
            <tr><th class="t">constant columns</th><td>{E(string.Join(", ", o.ConstantColumns.Select(c => $"{c.Name} = {c.Value}")))}</td></tr></table>

            """);
        foreach (var finding in o.Findings) html.Append($"<p class=\"finding\">{E(finding)}</p>\n");
        html.Append("<details><summary>Columns: types and distinct values</summary><table><tr><th class=\"t\">column</th><th class=\"t\">type</th><th class=\"t\">group</th><th>distinct</th><th>missing</th><th class=\"t\">meaning</th></tr>\n");
        foreach (var c in o.ColumnDetails)
            html.Append($"<tr><td class=\"t\">{E(c.Name)}</td><td class=\"t\">{E(c.Kind)}</td><td class=\"t\">{E(c.Group)}</td><td>{c.DistinctValues:N0}</td><td>{c.Missing:N0}</td><td class=\"t\">{E(c.Description)}</td></tr>\n");
        html.Append("</table></details>\n");
    }

    private static void Balance(StringBuilder html, ClassBalance b)
    {
        html.Append("<h2 id=\"class-balance\">Class balance</h2>\n<div style=\"display:flex;gap:2em;flex-wrap:wrap;align-items:flex-start\">");
        CountTable(html, "class", b.NormalVsAttack, family: false);
        CountTable(html, "family", b.ByFamily, family: false);
        html.Append("</div>\n");
        html.Append(Image(ReportPlots.ClassBalance(b), "rows per family and attack name"));
        html.Append("<details><summary>Rows per attack name</summary>");
        CountTable(html, "attack name", b.ByAttackName, family: true);
        html.Append("</details>\n");
    }

    private static void CountTable(StringBuilder html, string what, IEnumerable<ClassCount> counts, bool family)
    {
        html.Append($"<table><tr><th class=\"t\">{what}</th>{(family ? "<th class=\"t\">family</th>" : "")}<th>rows</th><th>share</th></tr>\n");
        foreach (var c in counts)
            html.Append($"<tr><td class=\"t\">{E(c.Name)}</td>{(family ? $"<td class=\"t\">{E(c.Family)}</td>" : "")}<td>{c.Count:N0}</td><td>{c.Share:P2}</td></tr>\n");
        html.Append("</table>\n");
    }

    private static void Features(StringBuilder html, ExplorationReport report, Action<double> progress)
    {
        html.Append("""
            <h2 id="features">Features</h2>
            <p>Summary statistics by class (quartiles by linear interpolation) and the distribution of each class.
            Features whose values span three or more orders of magnitude are drawn on a log10(1 + x) axis.</p>
            <h3>Categorical features</h3>

            """);
        foreach (var c in report.CategoricalFeatures)
        {
            html.Append($"<details open><summary>{E(c.Name)}: {c.DistinctValues} values</summary><p>{E(c.Description)}</p>");
            html.Append(Image(ReportPlots.CategoryCounts(c), $"{c.Name} value counts"));
            html.Append("<details><summary>All value counts</summary><table><tr><th class=\"t\">value</th><th>rows</th><th>normal</th><th>attack</th><th>attack share</th></tr>\n");
            foreach (var v in c.Values)
                html.Append($"<tr><td class=\"t\">{E(v.Value)}</td><td>{v.Total:N0}</td><td>{v.Normal:N0}</td><td>{v.Attack:N0}</td><td>{(double)v.Attack / v.Total:P1}</td></tr>\n");
            html.Append("</table></details></details>\n");
        }
        html.Append("<h3>Numeric features</h3>\n");
        for (var i = 0; i < report.NumericFeatures.Count; i++)
        {
            var f = report.NumericFeatures[i];
            html.Append($"<details{(i < 6 ? " open" : "")}><summary>{E(f.Name)}{(f.IsConstant ? " (constant)" : "")}{(f.Histogram.LogScale ? " (log scale)" : "")}</summary><p>{E(f.Description)} <i>{E(f.Kind)}, {E(f.Group)}</i></p>\n");
            html.Append("<table><tr><th class=\"t\">class</th><th>rows</th><th>mean</th><th>std</th><th>min</th><th>Q1</th><th>median</th><th>Q3</th><th>max</th><th>share of zeros</th></tr>\n");
            DescriptiveRow(html, "all", f.Overall);
            foreach (var (name, d) in f.ByClass) DescriptiveRow(html, name, d);
            html.Append("</table>\n");
            if (!f.IsConstant) html.Append(Image(ReportPlots.Distribution(f), $"{f.Name} distribution by class"));
            html.Append("</details>\n");
            progress((i + 1.0) / report.NumericFeatures.Count);
        }
    }

    private static void DescriptiveRow(StringBuilder html, string name, Descriptive d) =>
        html.Append($"<tr><td class=\"t\">{E(name)}</td><td>{d.Count:N0}</td><td>{N(d.Mean)}</td><td>{N(d.StdDev)}</td><td>{N(d.Min)}</td><td>{N(d.Q1)}</td><td>{N(d.Median)}</td><td>{N(d.Q3)}</td><td>{N(d.Max)}</td><td>{d.ZeroShare:P1}</td></tr>\n");

    private static void Correlations(StringBuilder html, CorrelationSummary c)
    {
        html.Append($"""
            <h2 id="correlations">Correlations</h2>
            <p>Over the {c.Features.Count} numeric features that are not constant. Spearman (rank) correlation is robust to the
            heavy tails of byte counts; Pearson measures linear association.</p>
            <h3>Most correlated pairs</h3>
            <table><tr><th class="t">feature</th><th class="t">feature</th><th>Pearson</th><th>Spearman</th></tr>

            """);
        foreach (var p in c.TopPairs)
            html.Append($"<tr><td class=\"t\">{E(p.First)}</td><td class=\"t\">{E(p.Second)}</td><td>{p.Pearson:0.000}</td><td>{p.Spearman:0.000}</td></tr>\n");
        html.Append("</table>\n");
        html.Append(Image(ReportPlots.Heatmap("Spearman correlation", c.Features, c.Spearman), "Spearman correlation heatmap"));
        html.Append(Image(ReportPlots.Heatmap("Pearson correlation", c.Features, c.Pearson), "Pearson correlation heatmap"));
    }

    private static void Tests(StringBuilder html, IReadOnlyList<HypothesisTestResult> tests)
    {
        html.Append("<h2 id=\"hypothesis-tests\">Hypothesis tests</h2>\n");
        if (tests.Count == 0)
        {
            html.Append("<p>The file has no labels, so there is nothing to test against.</p>\n");
            return;
        }
        var significant = tests.Count(t => t.Significant);
        html.Append($"""
            <p>{tests.Count} tests. Every p-value is adjusted together with all the others (Benjamini-Hochberg);
            a result is called significant when the adjusted p-value is below {ExplorationReport.Alpha} ({significant} of {tests.Count} are).
            With tens of thousands of rows almost any difference is significant, so read the effect size:
            |r|, Cramer's V or D below 0.1 is negligible, 0.1-0.3 small, 0.3-0.5 medium, above 0.5 large.</p>

            """);
        foreach (var group in tests.GroupBy(t => t.Category).OrderBy(g => g.Key == "analyst hypothesis" ? 0 : 1))
        {
            html.Append($"<h3>{E(Heading(group.Key))}</h3>\n");
            html.Append("<table><tr><th class=\"t\">question and null hypothesis</th><th class=\"t\">test</th><th class=\"t\">groups</th><th>statistic</th><th>p</th><th>BH p</th><th>effect size</th><th class=\"t\">conclusion</th></tr>\n");
            foreach (var t in group)
                html.Append($"""
                    <tr><td class="t"><b>{E(t.Question)}</b><br><small>H0: {E(t.NullHypothesis)}</small></td><td class="t">{E(t.Test)}</td><td class="t">{E(t.Groups)}</td>
                    <td>{E(t.StatisticName)} = {N(t.Statistic)}</td><td>{P(t.PValue)}</td><td class="{(t.Significant ? "sig" : "ns")}">{P(t.AdjustedPValue)}</td>
                    <td>{E(t.EffectSizeName)} = {t.EffectSize:0.000}<br><small>{E(t.EffectMagnitude)}</small></td><td class="t">{E(t.Conclusion)}</td></tr>

                    """);
            html.Append("</table>\n");
        }
    }

    private static string Heading(string category) => category switch
    {
        "analyst hypothesis" => "Analyst hypotheses",
        "categorical feature vs label" => "Each categorical feature vs the label",
        "numeric feature, normal vs attack" => "Each numeric feature, normal vs attack",
        _ => category,
    };

    private static void Comparison(StringBuilder html, DatasetComparison c)
    {
        html.Append($"""
            <h2 id="comparison">Comparison with {E(Path.GetFileName(c.CompareSource))}</h2>
            <p><code>{E(c.CompareSource)}</code> ({c.CompareRows:N0} rows) against <code>{E(c.BaseSource)}</code> ({c.BaseRows:N0} rows).
            Population stability index (PSI) per feature: below 0.1 stable, 0.1-0.25 moderate, above 0.25 a large shift;
            KS D is the largest gap between the two files' distribution functions.</p>

            """);
        foreach (var finding in c.Findings) html.Append($"<p class=\"finding\">{E(finding)}</p>\n");
        if (c.CompareByFamily is { } families)
        {
            html.Append("<h3>Families in the second file</h3>");
            CountTable(html, "family", families, family: false);
        }
        html.Append("<h3>Attack names in only one file</h3><div style=\"display:flex;gap:2em;flex-wrap:wrap;align-items:flex-start\"><div>");
        html.Append($"<p>Only in {E(Path.GetFileName(c.CompareSource))}:</p>");
        CountTable(html, "attack name", c.AttackNamesOnlyInCompare, family: true);
        html.Append($"</div><div><p>Only in {E(Path.GetFileName(c.BaseSource))}:</p>");
        CountTable(html, "attack name", c.AttackNamesOnlyInBase, family: true);
        html.Append("</div></div>\n");
        if (c.CategoryValuesOnlyInCompare.Count > 0)
        {
            html.Append("<h3>Categorical values only in the second file</h3><table><tr><th class=\"t\">feature</th><th class=\"t\">value</th><th>rows</th></tr>\n");
            foreach (var v in c.CategoryValuesOnlyInCompare)
                html.Append($"<tr><td class=\"t\">{E(v.Feature)}</td><td class=\"t\">{E(v.Value)}</td><td>{v.Count:N0}</td></tr>\n");
            html.Append("</table>\n");
        }
        html.Append("<h3>Shift per feature</h3>");
        html.Append(Image(ReportPlots.Stability(c), "population stability index per feature"));
        html.Append("<table><tr><th class=\"t\">feature</th><th class=\"t\">type</th><th>PSI</th><th>KS D</th><th>KS p</th><th class=\"t\">shift</th></tr>\n");
        foreach (var s in c.Features)
            html.Append($"<tr><td class=\"t\">{E(s.Feature)}</td><td class=\"t\">{E(s.Kind)}</td><td>{s.Psi:0.0000}</td><td>{(double.IsNaN(s.KsD) ? "" : s.KsD.ToString("0.0000", CultureInfo.InvariantCulture))}</td><td>{(double.IsNaN(s.KsPValue) ? "" : P(s.KsPValue))}</td><td class=\"t\">{E(s.Shift)}</td></tr>\n");
        html.Append("</table>\n");
    }

    private static string Image(string svg, string alt) =>
        $"<p><img alt=\"{E(alt)}\" src=\"data:image/svg+xml;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(svg))}\"></p>\n";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(double value) => double.IsNaN(value) ? "" : Math.Abs(value) >= 1000 || value == Math.Floor(value)
        ? value.ToString("#,0.##", CultureInfo.InvariantCulture)
        : value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string P(double p) => p == 0 ? "&lt; 1e-300" : p.ToString(p < 0.001 ? "0.00e+0" : "0.0000", CultureInfo.InvariantCulture);
}
