namespace Nad.Cli.Output;

/// <summary>
/// The one place NAD writes to when the user names no path: <c>$NAD_HOME</c>, else the user's data
/// folder (<c>$XDG_DATA_HOME/nad</c>, by default <c>~/.local/share/nad</c>; <c>%LOCALAPPDATA%\nad</c> on Windows).
/// It holds <c>models/</c> (nad demo, nad serve), <c>alerts.db</c> (nad serve) and <c>benchmark/</c>.
/// A path given on the command line (--out, --data-dir) is always used as given.
/// </summary>
public static class NadHome
{
    public const string Variable = "NAD_HOME";

    /// <summary>The home folder (not created here: whoever writes into it creates it).</summary>
    public static string Folder
    {
        get
        {
            if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given) return Path.GetFullPath(given);
            var userData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            // No home directory at all (a bare container user): beside the working folder, still one named place.
            return userData.Length > 0 ? Path.Combine(userData, "nad") : Path.GetFullPath("nad-data");
        }
    }

    public static string Models => Path.Combine(Folder, "models");

    public static string Benchmark => Path.Combine(Folder, "benchmark");
}
