using System.CommandLine;
using Nad.Cli.Output;
using Spectre.Console;

namespace Nad.Cli;

/// <summary>
/// A command line that does not parse: each error first, a guess when a name was mistyped, then
/// one line pointing at the command's help (not the whole help: the error must stay visible).
/// </summary>
internal static class ParseErrors
{
    public static int Report(Terminal terminal, ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var errors = parse.Errors.Select(e => e.Message);
        // "nad trian": the unknown word is the error; "Required command was not provided" only repeats it.
        if (parse.UnmatchedTokens.Count > 0) errors = errors.Where(e => e != MissingCommand);
        foreach (var message in errors.Select(Friendly).Distinct())
            terminal.Err.MarkupLineInterpolated($"[red]error:[/] {message}");
        foreach (var token in parse.UnmatchedTokens)
            if (Closest(token, Names(command)) is { } guess)
                terminal.Err.MarkupLineInterpolated($"did you mean '{guess}'?");
        if (command.Subcommands.Count > 0 && parse.Tokens.Count == 0)
            terminal.Err.MarkupLineInterpolated($"commands: {string.Join(", ", command.Subcommands.Select(c => c.Name))}");
        terminal.Err.MarkupLineInterpolated($"see '{PathOf(command)} --help'");
        return NadApp.BadInput;
    }

    private const string MissingCommand = "Required command was not provided.";

    /// <summary>"nad", "nad train", ...: the words the user types to reach <paramref name="command"/>.</summary>
    private static string PathOf(Command command)
    {
        var words = new List<string>();
        for (Symbol? symbol = command; symbol is not null; symbol = symbol.Parents.FirstOrDefault())
            words.Insert(0, symbol is RootCommand ? "nad" : symbol.Name);
        return string.Join(' ', words);
    }

    private static IEnumerable<string> Names(Command command) =>
        command.Subcommands.Select(c => c.Name).Concat(command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)));

    /// <summary>The name nearest to <paramref name="token"/> (at most two edits away), if any.</summary>
    private static string? Closest(string token, IEnumerable<string> names) =>
        names.Select(n => (Name: n, Distance: Distance(token, n)))
            .Where(x => x.Distance <= Math.Min(2, x.Name.Length / 2))
            .OrderBy(x => x.Distance)
            .Select(x => x.Name)
            .FirstOrDefault();

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    // System.CommandLine names .NET types ("as expected type 'System.Int32'"); a user knows "a whole number".
    private static string Friendly(string message)
    {
        foreach (var (type, words) in TypeWords)
            message = message.Replace($"as expected type '{type}'", $"as {words}", StringComparison.Ordinal);
        return message;
    }

    private static readonly (string Type, string Words)[] TypeWords =
    [
        ("System.Int32", "a whole number"),
        ("System.Int64", "a whole number"),
        ("System.Double", "a number"),
        ("System.Nullable`1[System.Double]", "a number"),
        ("System.Nullable`1[System.Int32]", "a whole number"),
        ("System.Boolean", "true or false"),
    ];
}
