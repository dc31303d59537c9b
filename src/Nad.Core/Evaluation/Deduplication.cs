using Nad.Core.Records;

namespace Nad.Core.Evaluation;

/// <summary>What <see cref="Deduplication.RemoveExactDuplicates"/> kept, and how many rows it removed.</summary>
public sealed record DeduplicationResult(ConnectionDataset Data, int Removed);

/// <summary>
/// Removes exact duplicate rows (same features and same label; connection fields and line numbers
/// do not count) before a split, so the same row cannot sit on both sides of it: CIC-IDS2017 is
/// full of them, and a test row seen in training flatters every model. The first of each is kept.
/// </summary>
public static class Deduplication
{
    public static DeduplicationResult RemoveExactDuplicates(ConnectionDataset data)
    {
        var seen = new HashSet<int>(new RowComparer(data));
        var keep = new List<int>(data.Count);
        for (var i = 0; i < data.Count; i++)
            if (seen.Add(i)) keep.Add(i);
        return keep.Count == data.Count
            ? new DeduplicationResult(data, 0)
            : new DeduplicationResult(data.Subset(keep, data.Source + " (deduplicated)"), data.Count - keep.Count);
    }

    private sealed class RowComparer(ConnectionDataset data) : IEqualityComparer<int>
    {
        public bool Equals(int a, int b)
        {
            var x = data.Records[a];
            var y = data.Records[b];
            if (!x.Numeric.AsSpan().SequenceEqual(y.Numeric)) return false;
            for (var c = 0; c < x.CategoricalCount; c++)
                if (!string.Equals(x.Categorical(c), y.Categorical(c), StringComparison.Ordinal)) return false;
            return data.Labels is null || string.Equals(data.Labels[a].Name, data.Labels[b].Name, StringComparison.Ordinal);
        }

        public int GetHashCode(int i)
        {
            var record = data.Records[i];
            var hash = new HashCode();
            foreach (var value in record.Numeric) hash.Add(value);
            for (var c = 0; c < record.CategoricalCount; c++) hash.Add(record.Categorical(c), StringComparer.Ordinal);
            if (data.Labels is not null) hash.Add(data.Labels[i].Name, StringComparer.Ordinal);
            return hash.ToHashCode();
        }
    }
}
