using Nad.Cli.Output;
using System.IO.Compression;
using System.Text;
using Nad.Core.Reading;

namespace Nad.Cli.Tests;

/// <summary>
/// What NAD writes without being told where goes to one place, its home folder ($NAD_HOME, else the
/// user's data folder), never into whatever folder the user happens to be in; explicit paths win.
/// </summary>
[Collection(ProcessScopeCollection.Name)]
public class HomeFolderTests
{
    [Fact]
    public void Demo_from_another_folder_writes_only_into_the_home_folder()
    {
        var (work, home, data) = (ProcessScope.NewFolder("nad-work"), ProcessScope.NewFolder("nad-home"), SmallBundledData());
        using (new ProcessScope(work, (NadHome.Variable, home), ("NAD_DATA_DIR", data)))
        {
            var result = CliRunner.Run("demo");
            Assert.True(result.ExitCode == 0, result.StdErr);
            Assert.Contains(Path.Combine(home, "models", "hybrid.nadmodel"), result.StdOut.Replace("\n", ""));
        }
        Assert.Empty(ProcessScope.FilesUnder(work));
        Assert.Equal(["models/hybrid.nadmodel"], ProcessScope.FilesUnder(home));
    }

    [Fact]
    public void An_explicit_out_is_used_as_given_and_the_home_stays_empty()
    {
        var (work, home, data) = (ProcessScope.NewFolder("nad-work"), ProcessScope.NewFolder("nad-home"), SmallBundledData());
        using (new ProcessScope(work, (NadHome.Variable, home), ("NAD_DATA_DIR", data)))
        {
            var result = CliRunner.Run("demo", "--out", "mine.nadmodel");
            Assert.True(result.ExitCode == 0, result.StdErr);
        }
        Assert.Equal(["mine.nadmodel"], ProcessScope.FilesUnder(work));
        Assert.Empty(ProcessScope.FilesUnder(home));
    }

    [Fact]
    public void Serve_uses_the_home_folder_as_its_data_folder()
    {
        var (work, home) = (ProcessScope.NewFolder("nad-work"), ProcessScope.NewFolder("nad-home"));
        // A setting the default hybrid refuses stops serve right after it names its folder, before any training.
        using (new ProcessScope(work, (NadHome.Variable, home), ("Nad__Training__Parameters__trees", "10")))
        {
            var (consoleOut, consoleError) = (Console.Out, Console.Error);
            Console.SetOut(TextWriter.Null); // the host logs to the console
            Console.SetError(TextWriter.Null);
            try
            {
                var result = CliRunner.Run("serve", "--urls", "http://127.0.0.1:0");
                Assert.Equal(2, result.ExitCode);
                Assert.Contains($"data folder {home}", result.StdErr);
            }
            finally
            {
                Console.SetOut(consoleOut);
                Console.SetError(consoleError);
            }
        }
        Assert.Empty(ProcessScope.FilesUnder(work));
    }

    [Fact]
    public void Without_nad_home_the_home_is_the_user_data_folder()
    {
        var xdg = ProcessScope.NewFolder("nad-xdg");
        using (new ProcessScope(Directory.GetCurrentDirectory(), (NadHome.Variable, null), ("XDG_DATA_HOME", xdg)))
        {
            Assert.Equal(OperatingSystem.IsWindows()
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "nad")
                : Path.Combine(xdg, "nad"), NadHome.Folder);
            Assert.Contains(NadHome.Folder, CliRunner.Run("--help").StdOut.Replace("\n", "").Replace("  ", " "));
        }
        using (new ProcessScope(Directory.GetCurrentDirectory(), (NadHome.Variable, "relative-home")))
            Assert.Equal(Path.GetFullPath("relative-home"), NadHome.Folder);
    }

    /// <summary>The three bundled files cut to a few thousand real rows, so the demo trains in seconds.</summary>
    private static string SmallBundledData()
    {
        var folder = ProcessScope.NewFolder("nad-data-small");
        foreach (var (name, every) in new[] { (BundledData.TrainFile, 40), (BundledData.TestPlusFile, 20), (BundledData.Test21File, 20) })
        {
            var lines = CliData.Lines(Path.Combine(BundledData.Folder(), name));
            using var gzip = new GZipStream(File.Create(Path.Combine(folder, name)), CompressionLevel.Fastest);
            gzip.Write(Encoding.UTF8.GetBytes(string.Join("\n", lines.Where((_, i) => i % every == 0)) + "\n"));
        }
        return folder;
    }
}
