using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Reading;
using Nad.Core.Thresholds;

namespace Nad.Cli.Output;

/// <summary>
/// Core refuses with typed errors that name no command-line option; here they are worded with the
/// options of <c>nad</c>, so the user reads what to type.
/// </summary>
public static class CoreErrors
{
    public static string Message(Exception e) => e switch
    {
        TrainingSettingException setting => Words(setting),
        DataFormatException data when IsBadRowsRefusal(data) => HintSkipBadRows(data.Message),
        _ => e.Message,
    };

    private static string Words(TrainingSettingException e)
    {
        var rule = e.Rule is { } kind ? $"--threshold {ThresholdRuleKinds.NameOf(kind)}" : "--threshold";
        return (e.Problem, e.Settings.Contains(TrainingSetting.FalsePositiveBudget)) switch
        {
            (TrainingSettingProblem.UnsupportedTarget, _) =>
                $"Model '{e.Model}' predicts normal/attack only; for --target family use {TrainingSettingException.List(DetectorCatalog.ModelsFor(PredictionTarget.Family))}.",
            (TrainingSettingProblem.Conflict, true) => $"--target-fpr and {rule} are two threshold rules; choose one.",
            (TrainingSettingProblem.NeedsLabels, true) => $"{e.DataSource} has no labels: --target-fpr needs labelled normal rows to measure a false-positive rate on.",
            (TrainingSettingProblem.NeedsLabels, false) =>
                $"{e.DataSource} has no labels: {rule} {(e.Rule?.LeavesAttackTypesOut() == true ? "leaves attack types out and " : "")}needs labelled rows.",
            (TrainingSettingProblem.NeedsNormalRows, true) => $"{e.DataSource} has no normal rows to measure --target-fpr on.",
            _ => e.Message,
        };
    }

    // The reader stops at bad rows unless told to skip them: its first line is "FILE: stopped at the first N bad rows:" or
    // "FILE: N bad row(s):", then the rows. (DataFormatException carries no flag for it, and Reading is not the CLI's to change.)
    private static readonly System.Text.RegularExpressions.Regex BadRowsHeader = new(@"^(?<head>.*: (stopped at the first \d+ bad rows|\d+ bad row\(s\))):", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static bool IsBadRowsRefusal(DataFormatException e) => BadRowsHeader.IsMatch(FirstLine(e.Message));

    private static string HintSkipBadRows(string message)
    {
        var head = BadRowsHeader.Match(FirstLine(message)).Groups["head"].Value;
        return head + " (use --skip-bad-rows to skip bad rows)" + message[head.Length..];
    }

    private static string FirstLine(string text) => text.Split('\n')[0].TrimEnd('\r');
}
