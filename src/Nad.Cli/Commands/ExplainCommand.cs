using System.CommandLine;
using System.Text.Json;
using Nad.Cli.Output;
using Nad.Core.Explanations;
using Nad.Core.ModelFiles;
using Nad.Core.Training;
using Spectre.Console;

namespace Nad.Cli.Commands;

/// <summary>
/// <c>nad explain</c>: why a model scored one row of a file as it did: the features that moved
/// its score most (each set alone to the model's normal baseline) and the smallest set that
/// would have made it look normal. One row, because an analyst asks "why?" about one alert;
/// <c>nad predict</c>'s output stays one line per row.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create(Terminal terminal)
    {
        var model = CommonOptions.ModelFile("Model file written by `nad train` (this version or later: it holds the normal baseline).");
        var data = CommonOptions.Data("Records in the model's schema (labels optional): NSL-KDD's layout, or the schema the model was trained with.");
        var row = new Option<int>("--row", "-r") { Description = "The data row to explain, counted from 1 (the 'row' column of `nad predict`).", Required = true };
        var top = new Option<int>("--top") { Description = "How many features to list.", DefaultValueFactory = _ => 5 };
        var json = CommonOptions.Json("the explanation");
        var command = new Command("explain", "Explain one row's score: the features that moved it most and what would have made it look normal.")
        {
            model, data, row, top, json,
        };
        command.SetAction(parse =>
        {
            var options = new ExplanationOptions { Top = parse.GetValue(top) };
            if (options.Top < 1) throw new ArgumentException($"--top is {options.Top}; expected at least 1.");
            var modelPath = parse.GetValue(model)!.FullName;
            var detector = ModelFile.Load(modelPath);
            if (detector.Baseline is null) throw new ArgumentException($"{modelPath}: {NormalBaseline.MissingMessage}.");
            var dataset = CommonOptions.Read(terminal, CommonOptions.DataPaths(parse, data), skipBadRows: false, requireLabels: false, detector.Schema);
            var number = parse.GetValue(row);
            if (number < 1 || number > dataset.Count)
                throw new ArgumentException($"--row {number} is out of range: {dataset.Source} has {dataset.Count:N0} rows (1 to {dataset.Count:N0}).");
            var explanation = AlertExplainer.For(detector, options).Explain(dataset.Records[number - 1]);
            if (parse.GetValue(json))
            {
                terminal.StdOut.WriteLine(JsonSerializer.Serialize(new { row = number, line = dataset.LineNumbers[number - 1], explanation }, ModelFile.Json));
                return 0;
            }
            Print(terminal, explanation, number, dataset.LineNumbers[number - 1]);
            return 0;
        });
        return command;
    }

    private static void Print(Terminal terminal, AlertExplanation explanation, int row, long line)
    {
        var verdict = explanation.IsAttack ? "[red]attack[/]" : "[green]normal[/]";
        terminal.Out.MarkupLine($"row {row} (line {line}): {verdict}, {Markup.Escape(explanation.Model)} score {explanation.Score:0.####} (threshold {explanation.Threshold:0.####})");
        var table = new Table().AddColumns("feature", "value", "typical", "contribution", "what it is");
        foreach (var c in explanation.Contributions)
            table.AddRow(Markup.Escape(c.Feature), Markup.Escape(c.Value), Markup.Escape(c.Baseline), $"{c.Contribution:+0.####;-0.####;0}", Markup.Escape(c.Description));
        terminal.Out.Write(table);
        terminal.Out.MarkupLine($"contribution = score − score with that feature alone set to typical; sum over all features: {explanation.TotalContribution:+0.####;-0.####;0}");
        if (explanation.Counterfactual is { } counterfactual) terminal.Out.WriteLine(counterfactual.Sentence);
    }
}
