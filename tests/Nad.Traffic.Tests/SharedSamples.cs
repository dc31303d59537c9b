namespace Nad.Traffic.Tests;

/// <summary>
/// The real traffic samples in <c>shared/data/traffic</c>, which sits beside the repository
/// (CI: beside the clone; a worktree: further up). They stay outside the repository because
/// several have no stated licence. Tests that need them skip, saying so, when they are absent.
/// </summary>
internal static class SharedSamples
{
    public static string? Folder { get; } = Find();

    public static string Path(string name)
    {
        Skip.If(Folder is null, "shared/data/traffic not found beside the repository (or in NAD_SHARED_TRAFFIC): sample-based checks skipped.");
        return System.IO.Path.Combine(Folder!, name);
    }

    private static string? Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("NAD_SHARED_TRAFFIC");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment)) return fromEnvironment;
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Nad.slnx"))) directory = directory.Parent;
        // ../shared from the repository root, then further up (a worktree lives one level deeper).
        for (var up = directory?.Parent; up is not null; up = up.Parent)
        {
            var candidate = System.IO.Path.Combine(up.FullName, "shared", "data", "traffic");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
