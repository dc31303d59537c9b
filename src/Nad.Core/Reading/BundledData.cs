namespace Nad.Core.Reading;

/// <summary>
/// Finds the NSL-KDD files that ship with NAD (<c>data/nsl-kdd/*.csv.gz</c>): from
/// NAD_DATA_DIR, else by walking up from the working folder and from the program's folder.
/// </summary>
public static class BundledData
{
    public const string TrainFile = "Network_anomaly_data.csv.gz";
    public const string TestPlusFile = "KDDTest+.csv.gz";
    public const string Test21File = "KDDTest-21.csv.gz";
    private const string RelativeFolder = "data/nsl-kdd";

    /// <summary>The folder holding the bundled files; throws a clear error when it cannot be found.</summary>
    public static string Folder()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("NAD_DATA_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment))
            return File.Exists(Path.Combine(fromEnvironment, TrainFile))
                ? fromEnvironment
                : throw new DataFormatException(new DataError(fromEnvironment, 0, null, null, null, $"(NAD_DATA_DIR) has no {TrainFile}"));
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, RelativeFolder);
                if (File.Exists(Path.Combine(candidate, TrainFile))) return candidate;
            }
        throw new DataFormatException(new DataError(RelativeFolder, 0, null, null, null,
            "cannot be found above the working folder or the program; run from the NAD checkout or set NAD_DATA_DIR"));
    }

    public static string Train => Path.Combine(Folder(), TrainFile);
    public static string TestPlus => Path.Combine(Folder(), TestPlusFile);
    public static string Test21 => Path.Combine(Folder(), Test21File);
}
