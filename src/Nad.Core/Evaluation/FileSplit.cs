using System.Text.RegularExpressions;
using Nad.Core.Records;

namespace Nad.Core.Evaluation;

/// <summary>A train/test split along file boundaries (<see cref="FileSplit.ByFiles"/>).</summary>
public sealed record FileSplit(ConnectionDataset Train, ConnectionDataset Test)
{
    /// <summary>
    /// Trains on some files and tests on the others (CIC-IDS2017 has no official test split: a day held
    /// out is the honest one). <paramref name="testFiles"/> match a file by its path, its name, its name
    /// without <c>.gz</c> or without <c>.csv.gz</c>/<c>.csv</c>, or as a pattern of a name with <c>*</c> and <c>?</c>
    /// (<c>Wednesday*</c>).
    /// </summary>
    public static FileSplit ByFiles(ConnectionDataset data, IReadOnlyCollection<string> testFiles)
    {
        if (data.Files.Count < 2 || data.FileIndices is null)
            throw new ArgumentException($"{data.Source} was read from one file; a split by files needs several.", nameof(data));
        var isTest = new bool[data.Files.Count];
        foreach (var wanted in testFiles)
        {
            var matches = Enumerable.Range(0, data.Files.Count).Where(f => Matches(data.Files[f], wanted)).ToArray();
            if (matches.Length == 0)
                throw new ArgumentException($"'{wanted}' is not one of the files read ({string.Join(", ", data.Files.Select(Path.GetFileName))}).", nameof(testFiles));
            foreach (var f in matches) isTest[f] = true;
        }
        if (isTest.All(t => t)) throw new ArgumentException("Every file is a test file; leave at least one to train on.", nameof(testFiles));
        if (!isTest.Any(t => t)) throw new ArgumentException("No test files given.", nameof(testFiles));
        var train = new List<int>();
        var test = new List<int>();
        for (var i = 0; i < data.Count; i++)
            (isTest[data.FileIndices[i]] ? test : train).Add(i);
        // Reports name the test set by its files: "Portscan_2500.csv.gz (test file)" says what was measured.
        var testNames = Enumerable.Range(0, data.Files.Count).Where(f => isTest[f]).Select(f => Path.GetFileName(data.Files[f])).ToArray();
        var testSource = testNames.Length <= 3 ? string.Join(", ", testNames) : $"{testNames[0]} and {testNames.Length - 1} more files";
        return new FileSplit(data.Subset(train, data.Source + " (training files)"),
            data.Subset(test, testSource + (testNames.Length == 1 ? " (test file)" : " (test files)")));
    }

    private static bool Matches(string file, string wanted)
    {
        if (wanted.Length == 0) return false;
        var name = Path.GetFileName(file);
        var names = new[] { name, Strip(name, ".gz"), Strip(Strip(name, ".gz"), ".csv") };
        if (wanted.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            var pattern = new Regex("^" + Regex.Escape(wanted).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.CultureInvariant);
            return names.Any(pattern.IsMatch);
        }
        return names.Contains(wanted, StringComparer.Ordinal)
            || string.Equals(Path.GetFullPath(file), Path.GetFullPath(wanted), StringComparison.Ordinal);
    }

    private static string Strip(string name, string suffix) =>
        name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? name[..^suffix.Length] : name;
}
