using System.CommandLine;
using Nad.Cli.Output;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Thresholds;
using Spectre.Console;

namespace Nad.Cli.Commands;

/// <summary><c>nad models</c>: the models NAD can train, their default threshold rule and their parameters (from each trainer's declaration).</summary>
internal static class ModelsCommand
{
    public static Command Create(Terminal terminal)
    {
        var command = new Command("models", "List the models NAD can train, with their parameters and defaults (override with --param name=value).");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumns("model", "kind", "targets", "threshold", "description");
            foreach (var entry in DetectorCatalog.Entries)
                table.AddRow(
                    Markup.Escape(entry.Name),
                    entry.IsSupervised ? "supervised" : "unsupervised",
                    string.Join(", ", entry.Targets.Select(TargetWords)),
                    Markup.Escape(RuleWords(entry.CreateTrainer(TrainerSettings.Default).DefaultThreshold)),
                    Markup.Escape(entry.Description));
            terminal.Out.Write(table);

            var parameters = new Table().AddColumns("model", "parameter", "default", "range", "description");
            foreach (var entry in DetectorCatalog.Entries)
                foreach (var (parameter, index) in entry.Declaration.Parameters.Select((p, i) => (p, i)))
                    parameters.AddRow(
                        index == 0 ? Markup.Escape(entry.Name) : "",
                        Markup.Escape(parameter.DisplayName),
                        Markup.Escape(DefaultWords(parameter)),
                        Markup.Escape(parameter.Range),
                        Markup.Escape(parameter.Description + (parameter.OnlyFor is { } target ? $" ({TargetWords(target)} target only)" : "")));
            terminal.Out.Write(parameters);
            return 0;
        });
        return command;
    }

    private static string TargetWords(PredictionTarget target) => target == PredictionTarget.Family ? "family" : "attack";

    private static string DefaultWords(ParameterDeclaration parameter) =>
        parameter.Default + string.Concat(parameter.DefaultsWhen.Select(d => $" ({d.Default} with {d.Parameter}={d.Value})"));

    // The default threshold rule in a few words: held-out (max F1), or the model's own cut or alert rate.
    private static string RuleWords(IThresholdRule rule) => rule switch
    {
        FixedCutRule cut => $"its own: {cut.Cut} ({cut.Reason})",
        ContaminationRule share => $"its own: flags {share.Fraction:P0} of the training rows (contamination)",
        _ => ThresholdRuleKinds.NameOf(rule.Kind),
    };
}
