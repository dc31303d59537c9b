using System.Diagnostics;
using System.Text;

namespace Nad.Streaming.Tests;

/// <summary>The built nad CLI (copied next to these tests) run as its own process, as an operator runs it.</summary>
public static class NadProcess
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "nad.dll");

    public static Process Start(IEnumerable<string> arguments, StringBuilder? stderr = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null && stderr is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    public static async Task<(int ExitCode, string StdErr)> RunAsync(params string[] arguments)
    {
        var stderr = new StringBuilder();
        using var process = Start(arguments, stderr);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        process.WaitForExit(); // drains the redirected streams
        lock (stderr) return (process.ExitCode, stderr.ToString());
    }
}
