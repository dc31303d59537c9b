namespace Nad.Core.Reading;

/// <summary>
/// What reading a file found besides the rows: how many were bad and skipped, and examples; and
/// how much known dirt (<see cref="DirtKind"/>) was cleaned by its policy, with where it was first seen.
/// </summary>
public sealed class ReadSummary
{
    private readonly List<DataError> _examples = [];
    private readonly SortedDictionary<DirtKind, long> _dirt = [];
    private readonly Dictionary<DirtKind, string> _firstSeen = [];

    public long RowsRead { get; internal set; }
    public long BadRowsSkipped { get; internal set; }
    public bool HadHeader { get; internal set; }
    public bool HadLabels { get; internal set; }
    public IReadOnlyList<DataError> SkippedExamples => _examples;

    /// <summary>How many times each kind of dirt was cleaned (kinds never seen are absent).</summary>
    public IReadOnlyDictionary<DirtKind, long> Dirt => _dirt;

    /// <summary>Where each kind of dirt was first seen ("x.csv, line 7, column Flow Bytes/s").</summary>
    public IReadOnlyDictionary<DirtKind, string> DirtFirstSeen => _firstSeen;

    public long DirtCount(DirtKind kind) => _dirt.GetValueOrDefault(kind);

    /// <summary>One line per kind of dirt: "Infinity cells: 3 (±1e12 and the missing indicator set; first at x.csv, line 7)".</summary>
    public IEnumerable<string> DescribeDirt() => _dirt.Select(p =>
        $"{DirtPolicy.Name(p.Key)}: {p.Value:N0} ({DirtPolicy.Policy(p.Key)}" +
        (_firstSeen.TryGetValue(p.Key, out var where) ? $"; first at {where})" : ")"));

    internal void CountDirt(DirtKind kind, string? where, long count = 1)
    {
        _dirt[kind] = _dirt.GetValueOrDefault(kind) + count;
        if (where is not null) _firstSeen.TryAdd(kind, where);
    }

    /// <summary>Adds another file's summary to this one (several files read as one data set).</summary>
    internal void Add(ReadSummary other)
    {
        RowsRead += other.RowsRead;
        HadHeader |= other.HadHeader;
        HadLabels |= other.HadLabels;
        foreach (var error in other._examples)
        {
            BadRowsSkipped++;
            if (_examples.Count < 10) _examples.Add(error);
        }
        BadRowsSkipped += other.BadRowsSkipped - other._examples.Count;
        foreach (var (kind, count) in other._dirt)
            CountDirt(kind, other._firstSeen.GetValueOrDefault(kind), count);
    }

    internal void AddSkipped(DataError error, int maxExamples)
    {
        BadRowsSkipped++;
        if (_examples.Count < maxExamples) _examples.Add(error);
    }
}
