using Spectre.Console;
using Spectre.Console.Rendering;

namespace Nad.Cli.Commands;

/// <summary>What <c>nad retrain</c> reports: accuracy and the share of normal rows flagged, old model against new, on the same held-out training rows and on the feedback rows.</summary>
public sealed record RetrainComparison(
    RetrainComparison.Score OldHeldOut, RetrainComparison.Score NewHeldOut,
    RetrainComparison.Score OldFeedback, RetrainComparison.Score NewFeedback,
    int HeldOutRows, int FeedbackRows, int Weight)
{
    public sealed record Score(double Accuracy, double NormalFlagged);

    public IRenderable ToTable()
    {
        var table = new Table().AddColumns("rows", "count", "old accuracy", "new accuracy", "old normal flagged", "new normal flagged");
        table.AddRow("held-out training rows", HeldOutRows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            P(OldHeldOut.Accuracy), P(NewHeldOut.Accuracy), P(OldHeldOut.NormalFlagged), P(NewHeldOut.NormalFlagged));
        table.AddRow($"feedback rows (each x{Weight} in training)", FeedbackRows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            P(OldFeedback.Accuracy), P(NewFeedback.Accuracy), P(OldFeedback.NormalFlagged), P(NewFeedback.NormalFlagged));
        return table;
    }

    private static string P(double share) => share.ToString("P2", System.Globalization.CultureInfo.InvariantCulture);
}
