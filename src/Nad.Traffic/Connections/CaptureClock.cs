namespace Nad.Traffic.Connections;

/// <summary>
/// Capture time as extraction counts it: microseconds since the Unix epoch (pcap's resolution),
/// and the <see cref="DateTimeOffset"/> a record's endpoints carry. Both ways are exact.
/// </summary>
internal static class CaptureClock
{
    public static DateTimeOffset Time(long micros) => DateTimeOffset.FromUnixTimeMilliseconds(micros / 1000).AddTicks(micros % 1000 * 10);

    public static long Micros(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static long Micros(TimeSpan span) => (long)(span.TotalMilliseconds * 1000);
}
