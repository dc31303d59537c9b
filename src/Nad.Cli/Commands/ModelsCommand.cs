using System.CommandLine;
using Nad.Cli.Output;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Thresholds;
using Spectre.Console;

namespace Nad.Cli.Commands;

/// <summary><c>nad models</c>: the models NAD can train and their default settings.</summary>
internal static class ModelsCommand
{
    public static Command Create(Terminal terminal)
    {
        var command = new Command("models", "List the models NAD can train, with their default settings (override with --param).");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumns("model", "kind", "description", "settings (defaults)", "threshold");
            foreach (var entry in DetectorCatalog.Entries)
            {
                var trainer = entry.CreateTrainer(TrainerSettings.Default);
                var parameters = trainer.Parameters;
                table.AddRow(
                    Markup.Escape(entry.Name),
                    entry.IsSupervised ? "supervised" : "unsupervised",
                    Markup.Escape(entry.Description),
                    Markup.Escape(string.Join(", ", parameters.Select(p => $"{p.Key}={p.Value}"))),
                    Markup.Escape(RuleWords(trainer.DefaultThreshold)));
            }
            terminal.Out.Write(table);
            return 0;
        });
        return command;
    }

    // The default threshold rule in a few words: held-out (max F1), or the model's own cut or alert rate.
    private static string RuleWords(IThresholdRule rule) => rule switch
    {
        FixedCutRule cut => $"its own: {cut.Cut} ({cut.Reason})",
        ContaminationRule share => $"its own: flags {share.Fraction:P0} of the training rows (contamination)",
        _ => ThresholdRuleKinds.NameOf(rule.Kind),
    };
}
