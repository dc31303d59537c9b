using System.CommandLine;
using System.CommandLine.Parsing;

namespace Nad.Cli.Commands;

/// <summary>
/// Input file options checked when the command line is parsed: a folder or a missing file is
/// named as the user wrote it, with the option, before any work starts (exit 2 like every bad command line).
/// </summary>
internal static class InputFiles
{
    /// <summary>Adds the check to <paramref name="option"/> and returns it.</summary>
    public static TOption MustExist<TOption>(this TOption option) where TOption : Option
    {
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (Problem(token.Value) is { } problem)
                    result.AddError($"{result.IdentifierToken?.Value ?? option.Name} {token.Value} {problem}");
        });
        return option;
    }

    private static string? Problem(string path)
    {
        if (Directory.Exists(path)) return "is a folder, not a file";
        if (File.Exists(path)) return null;
        return Path.IsPathRooted(path) ? "does not exist" : $"does not exist (looked in {Directory.GetCurrentDirectory()})";
    }
}
