using Nad.Core.Records;

namespace Nad.Core.Evaluation;

/// <summary>A train/test split along file boundaries (<see cref="FileSplit.ByFiles"/>).</summary>
public sealed record FileSplit(ConnectionDataset Train, ConnectionDataset Test)
{
    /// <summary>
    /// Trains on some files and tests on the others (CIC-IDS2017 has no official test split: a day held
    /// out is the honest one). <paramref name="testFiles"/> match a file by its path or its name.
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
        return new FileSplit(data.Subset(train, data.Source + " (training files)"), data.Subset(test, data.Source + " (test files)"));
    }

    private static bool Matches(string file, string wanted) =>
        string.Equals(Path.GetFullPath(file), Path.GetFullPath(wanted), StringComparison.Ordinal)
        || string.Equals(Path.GetFileName(file), wanted, StringComparison.Ordinal);
}
