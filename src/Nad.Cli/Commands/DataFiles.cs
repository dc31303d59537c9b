using Microsoft.Extensions.FileSystemGlobbing;

namespace Nad.Cli.Commands;

/// <summary>
/// What <c>--data</c> values name: a file, a folder (its *.csv and *.csv.gz, sorted by name) or a glob
/// (<c>days/*.csv.gz</c>, <c>**</c> for sub-folders); several values are read in the order given, each
/// file once. The CIC-IDS2017 day files are one data set this way.
/// </summary>
internal static class DataFiles
{
    /// <summary>The files every value names, in order, each once; throws naming the first value that names none.</summary>
    public static IReadOnlyList<string> Resolve(IEnumerable<string> values, string option = "--data")
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var (found, problem) = Find(value);
            if (problem is not null) throw new ArgumentException($"{option} {value} {problem}");
            foreach (var file in found)
                if (seen.Add(file)) files.Add(file);
        }
        if (files.Count == 0) throw new ArgumentException($"{option} names no files.");
        return files;
    }

    /// <summary>The files <paramref name="value"/> names, or why it names none (worded to follow "--data VALUE").</summary>
    public static (IReadOnlyList<string> Files, string? Problem) Find(string value)
    {
        if (IsPattern(value)) return FromPattern(value);
        if (Directory.Exists(value))
        {
            var inFolder = Directory.EnumerateFiles(value)
                .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase))
                .Select(Path.GetFullPath)
                .Order(StringComparer.Ordinal)
                .ToArray();
            return inFolder.Length > 0 ? (inFolder, null) : ([], "is a folder with no .csv or .csv.gz files");
        }
        if (File.Exists(value)) return ([Path.GetFullPath(value)], null);
        return ([], Path.IsPathRooted(value) ? "does not exist" : $"does not exist (looked in {Directory.GetCurrentDirectory()})");
    }

    private static bool IsPattern(string value) => value.AsSpan().IndexOfAny("*?[") >= 0;

    // The glob's literal folders are its root; the rest is matched under it (FileSystemGlobbing wants them apart).
    private static (IReadOnlyList<string>, string?) FromPattern(string pattern)
    {
        var parts = pattern.Replace('\\', '/').Split('/');
        var literal = parts.TakeWhile(p => !IsPattern(p)).Count();
        var root = literal == 0 ? "." : string.Join('/', parts[..literal]);
        if (root.Length == 0) root = "/";
        var rest = string.Join('/', parts[literal..]);
        if (!Directory.Exists(root)) return ([], $"matches no files (the folder {root} does not exist)");
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(rest);
        var matched = matcher.GetResultsInFullPath(root).Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToArray();
        return matched.Length > 0 ? (matched, null) : ([], $"matches no files (pattern '{rest}' in {Path.GetFullPath(root)})");
    }
}
