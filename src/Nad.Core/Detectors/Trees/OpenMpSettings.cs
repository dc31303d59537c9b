using System.Runtime.InteropServices;

namespace Nad.Core.Detectors.Trees;

/// <summary>
/// LightGBM runs on OpenMP, whose worker threads by default spin while waiting. On a small,
/// shared machine that burns the cores the other threads need (a 1 s fit took 10-35 s here).
/// OMP_WAIT_POLICY=PASSIVE makes them sleep instead; it must be in the real process
/// environment before the native library loads, which .NET's Environment.SetEnvironmentVariable
/// does not touch on Unix, hence libc setenv. A value the user set is kept.
/// </summary>
internal static class OpenMpSettings
{
    private static int _applied;

    public static void PreferPassiveWaiting()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1 || !(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())) return;
        try
        {
            SetEnvironment("OMP_WAIT_POLICY", "PASSIVE", 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not fatal: LightGBM still runs, only slower on a busy machine.
        }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnvironment([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
