using System.Collections;

namespace Nad.Core.Records;

/// <summary>A read-only view of <paramref name="count"/> records of a list from <paramref name="start"/>: a chunk of a batch without a copy.</summary>
internal sealed class RecordSlice(IReadOnlyList<ConnectionRecord> source, int start, int count) : IReadOnlyList<ConnectionRecord>
{
    public int Count => count;

    public ConnectionRecord this[int index] =>
        (uint)index < (uint)count ? source[start + index] : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<ConnectionRecord> GetEnumerator()
    {
        for (var i = 0; i < count; i++) yield return source[start + i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
