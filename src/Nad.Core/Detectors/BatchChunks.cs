namespace Nad.Core.Detectors;

/// <summary>
/// How a scoring model splits a batch over the cores: batches under <see cref="ParallelFrom"/> rows
/// stay on the caller's thread (a service request of 1,000 records is one thread's work; the other
/// core serves the next request), larger ones go out in chunks of <see cref="ChunkRows"/>. Chunks
/// are under <see cref="ParallelFrom"/>, so a model that scores a chunk through another model's
/// Score (the hybrid) never nests parallel loops.
/// </summary>
internal static class BatchChunks
{
    public const int ParallelFrom = 4096;
    public const int ChunkRows = 2048; // 22,544 test rows: 12 chunks, so two cores end within one small chunk of each other

    /// <summary>Calls <paramref name="range"/>(from, to) over [0, <paramref name="rows"/>), in parallel chunks for large batches.</summary>
    public static void For(int rows, Action<int, int> range)
    {
        if (rows < ParallelFrom)
        {
            range(0, rows);
            return;
        }
        Parallel.For(0, (rows + ChunkRows - 1) / ChunkRows, chunk =>
            range(chunk * ChunkRows, Math.Min(rows, (chunk + 1) * ChunkRows)));
    }
}
