using System.Runtime.InteropServices;

namespace Nad.Service.Bench;

/// <summary>
/// CPU time of the calling thread (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID)): on a machine
/// shared with other work it moves far less than wall time, so stages compare fairly.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    public static double NowMicroseconds()
    {
        if (ClockGetTime(ClockThreadCpuTimeId, out var time) != 0) return double.NaN;
        return time.Seconds * 1e6 + time.Nanoseconds / 1e3;
    }
}
