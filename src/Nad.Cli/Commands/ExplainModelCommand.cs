using System.CommandLine;
using Nad.Cli.Output;
using Nad.Core.Detectors.Supervised;
using Nad.Core.ModelFiles;
using Spectre.Console;

namespace Nad.Cli.Commands;

/// <summary><c>nad explain-model</c>: print a tree model's top rules.</summary>
internal static class ExplainModelCommand
{
    public static Command Create(Terminal terminal)
    {
        var model = CommonOptions.ModelFile("Model file of a tree model (decision-tree; for gradient-boosting and lightgbm the first tree).");
        var depth = new Option<int>("--depth") { Description = "How many levels of the tree to print.", DefaultValueFactory = _ => 4 };
        var command = new Command("explain-model", "Print the top rules of a decision-tree model (its splits, with readable feature names and raw thresholds).")
        {
            model, depth,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!.FullName;
            var detector = ModelFile.Load(path);
            var rules = TreeRules.From(detector.Model)
                ?? throw new ArgumentException($"{path} holds a '{detector.Name}' model, which has no single tree to explain; train --model decision-tree.");
            if (parse.GetValue(depth) < 1) throw new ArgumentException("--depth must be at least 1.");
            terminal.Out.MarkupLineInterpolated($"[bold]{detector.Name}[/]: {rules.Leaves} leaves; the first {parse.GetValue(depth)} levels (a record goes to 'attack' when its probability reaches the threshold {detector.Threshold:0.####}):");
            terminal.StdOut.Write(rules.Render(parse.GetValue(depth)));
            return 0;
        });
        return command;
    }
}
