namespace Nad.Traffic.Packets;

/// <summary>
/// Captured frames copied out of libpcap's buffer into one block, so reading (libpcap) and
/// processing (decode, track, windows) can run on two cores. Reused from a small pool.
/// </summary>
internal sealed class PacketBatch
{
    public const int MaxPackets = 8192;
    private byte[] data = new byte[1 << 20];
    private readonly int[] offsets = new int[MaxPackets];
    private readonly int[] lengths = new int[MaxPackets];
    private readonly long[] times = new long[MaxPackets];
    private int used;

    public int Count { get; private set; }
    public bool IsFull => Count == MaxPackets;

    public void Clear()
    {
        Count = 0;
        used = 0;
    }

    public void Add(long timeMicros, ReadOnlySpan<byte> frame)
    {
        if (used + frame.Length > data.Length) Array.Resize(ref data, Math.Max(data.Length * 2, used + frame.Length));
        frame.CopyTo(data.AsSpan(used));
        offsets[Count] = used;
        lengths[Count] = frame.Length;
        times[Count] = timeMicros;
        used += frame.Length;
        Count++;
    }

    public long Time(int index) => times[index];

    public ReadOnlySpan<byte> Frame(int index) => data.AsSpan(offsets[index], lengths[index]);
}
