using System.Globalization;
using Nad.Core.Evaluation;
using Nad.Core.Training;
using Spectre.Console;

namespace Nad.Cli.Output;

/// <summary>Renders evaluation results as tables a network engineer can read at a glance.</summary>
public static class ReportTables
{
    public static void Write(IAnsiConsole console, EvaluationReport report, int maxAttacks = 40)
    {
        console.Write(new Rule(Markup.Escape($"{report.Model} on {Path.GetFileName(report.Data)} ({report.Rows:N0} rows, threshold {report.Threshold:0.####})")).LeftJustified());
        console.Write(MetricsTable(report.Metrics));
        console.Write(ConfusionTable(report.Metrics.Confusion));
        console.Write(GroupTable("Detection by attack family", "family", report.ByFamily));
        console.Write(GroupTable("Detection by attack name (recall; for normal: false-positive rate)", "attack", report.ByAttack.Take(maxAttacks).ToArray()));
        if (report.ByAttack.Count > maxAttacks)
            console.MarkupLine($"[grey]... {report.ByAttack.Count - maxAttacks} more attack names (use --json for all)[/]");
        if (report.Families is { } families)
        {
            console.Write(FamilyTable(families));
            console.Write(FamilyConfusionTable(families));
        }
        if (report.RowsWithUnknownCategories > 0)
            console.MarkupLine($"[yellow]{report.RowsWithUnknownCategories:N0} rows had a categorical value (NSL-KDD: protocoltype, service or flag) never seen in training (encoded as unknown).[/]");
        if (report.AttackNamesWithUnknownFamily.Count > 0)
            console.MarkupLine($"[yellow]Attack names with no known family (counted as 'Unknown'): {Markup.Escape(string.Join(", ", report.AttackNamesWithUnknownFamily))}[/]");
    }

    public static Table MetricsTable(BinaryMetrics m)
    {
        var table = new Table().Title("Binary metrics (positive = attack)").AddColumns("accuracy", "precision", "recall", "F1", "false-positive rate", "ROC-AUC", "PR-AUC");
        table.AddRow(Pct(m.Accuracy), Pct(m.Precision), Pct(m.Recall), Pct(m.F1), Pct(m.FalsePositiveRate), Num(m.RocAuc), Num(m.PrAuc));
        return table;
    }

    public static Table ConfusionTable(ConfusionMatrix c)
    {
        var table = new Table().Title("Confusion matrix").AddColumns("", "predicted normal", "predicted attack");
        table.AddRow("actual normal", c.TrueNegatives.ToString("N0"), c.FalsePositives.ToString("N0"));
        table.AddRow("actual attack", c.FalseNegatives.ToString("N0"), c.TruePositives.ToString("N0"));
        return table;
    }

    public static Table GroupTable(string title, string header, IReadOnlyList<GroupRecall> groups)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumns(header, "rows", "flagged as attack", "rate");
        foreach (var g in groups)
            table.AddRow(Markup.Escape(g.Group), g.Count.ToString("N0"), g.Detected.ToString("N0"), Pct(g.DetectionRate));
        return table;
    }

    public static Table FamilyTable(FamilyReport f)
    {
        var table = new Table().Title($"By family (most probable family): accuracy {Pct(f.Accuracy)}, macro F1 {Num(f.MacroF1)}")
            .AddColumns("family", "rows", "predicted", "precision", "recall", "F1");
        foreach (var m in f.PerFamily)
            table.AddRow(m.Family, m.Support.ToString("N0"), m.Predicted.ToString("N0"), Pct(m.Precision), Pct(m.Recall), Num(m.F1));
        return table;
    }

    public static Table FamilyConfusionTable(FamilyReport f)
    {
        var table = new Table().Title("Family confusion matrix (rows: actual, columns: predicted)").AddColumn("");
        foreach (var family in f.Families) table.AddColumn(new TableColumn(family).RightAligned());
        for (var r = 0; r < f.Families.Count; r++)
            table.AddRow([f.Families[r], .. f.Confusion[r].Select(v => v.ToString("N0"))]);
        if (f.RowsWithUnknownFamily > 0) table.Caption($"{f.RowsWithUnknownFamily:N0} rows with no known family left out");
        return table;
    }

    public static Table CrossValidationTable(CrossValidationResult cv)
    {
        var table = new Table().Title($"{cv.Folds}-fold stratified cross-validation on the training data").AddColumns("metric", "mean", "std. dev.");
        foreach (var s in cv.Summary)
            table.AddRow(s.Metric, Num(s.Mean), Num(s.StandardDeviation));
        return table;
    }

    public static string Pct(double v) => double.IsNaN(v) ? "n/a" : (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";
    public static string Num(double v) => double.IsNaN(v) ? "n/a" : v.ToString("0.0000", CultureInfo.InvariantCulture);
}
