using System.CommandLine;
using Nad.Cli.Output;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
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
                var parameters = entry.CreateTrainer(TrainerSettings.Default).Parameters;
                table.AddRow(
                    Markup.Escape(entry.Name),
                    entry.IsSupervised ? "supervised" : "unsupervised",
                    Markup.Escape(entry.Description),
                    Markup.Escape(string.Join(", ", parameters.Select(p => $"{p.Key}={p.Value}"))),
                    entry.IsSupervised ? ThresholdRules.NameOf(ThresholdRule.HeldOut) : "its own");
            }
            terminal.Out.Write(table);
            return 0;
        });
        return command;
    }
}
