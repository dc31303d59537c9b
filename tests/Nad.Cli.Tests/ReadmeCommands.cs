using System.Text;

namespace Nad.Cli.Tests;

/// <summary>The shell commands of a Markdown file: the lines of its ```bash blocks, split into words as a shell would.</summary>
public static class ReadmeCommands
{
    public sealed record Command(int Line, string Text, string[] Words);

    /// <summary>Options whose value is a file a command reads (it must exist when the command runs).</summary>
    private static readonly string[] InputOptions = ["--data", "-d", "--model", "-m", "--pcap", "--zeek", "--compare", "--train", "--test"];

    /// <summary>Every command in a ```bash or ```sh block, in order; comments, blank lines and "# ..." tails dropped.</summary>
    public static IReadOnlyList<Command> Parse(string markdown)
    {
        var commands = new List<Command>();
        var lines = markdown.Split('\n');
        var inShell = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inShell = !inShell && line.Trim() is "```bash" or "```sh" or "```shell";
                continue;
            }
            if (!inShell) continue;
            var start = i + 1;
            while (line.EndsWith('\\') && i + 1 < lines.Length) line = line[..^1] + " " + lines[++i].TrimEnd('\r').Trim();
            var words = Split(line);
            if (words.Length > 0) commands.Add(new Command(start, line.Trim(), words));
        }
        return commands;
    }

    /// <summary>Words as a POSIX shell splits them: quotes group, a word starting with # starts a comment.</summary>
    public static string[] Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is { } q)
            {
                if (c == q) quote = null;
                else word.Append(c);
                continue;
            }
            if (c is '\'' or '"') { quote = c; inWord = true; continue; }
            if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
                continue;
            }
            if (c == '#' && !inWord) break;
            word.Append(c);
            inWord = true;
        }
        if (quote is not null) throw new FormatException($"unclosed quote in: {line}");
        if (inWord) words.Add(word.ToString());
        return [.. words];
    }

    /// <summary>The input files a <c>nad</c> command names that do not exist under <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> MissingInputs(string[] words, string folder)
    {
        var missing = new List<string>();
        for (var i = 2; i < words.Length - 1; i++)
        {
            // nad train --model names a kind of model, not a file.
            if (!InputOptions.Contains(words[i]) || words[1] == "train" && words[i] is "--model" or "-m") continue;
            var path = Path.Combine(folder, words[i + 1]);
            if (!File.Exists(path) && !Directory.Exists(path)) missing.Add(words[i + 1]); // --data also takes a folder
        }
        return missing;
    }

    /// <summary>The files a command says it writes (<c>--out</c>; not "-", which is stdout).</summary>
    public static IReadOnlyList<string> Outputs(string[] words) =>
        [.. words.Select((w, i) => (w, i)).Where(x => x.w is "--out" or "-o" && x.i + 1 < words.Length && words[x.i + 1] != "-").Select(x => words[x.i + 1])];
}
