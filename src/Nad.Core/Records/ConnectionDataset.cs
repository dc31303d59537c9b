namespace Nad.Core.Records;

/// <summary>
/// Records read from one source, with their labels and difficulty when the source had them,
/// and the 1-based line each came from (so every report can point back at the file).
/// </summary>
public sealed class ConnectionDataset
{
    public ConnectionDataset(
        string source,
        IReadOnlyList<ConnectionRecord> records,
        IReadOnlyList<AttackLabel>? labels = null,
        IReadOnlyList<int>? difficulties = null,
        IReadOnlyList<long>? lineNumbers = null)
    {
        if (labels is not null && labels.Count != records.Count)
            throw new ArgumentException("One label per record.", nameof(labels));
        if (difficulties is not null && difficulties.Count != records.Count)
            throw new ArgumentException("One difficulty per record.", nameof(difficulties));
        if (lineNumbers is not null && lineNumbers.Count != records.Count)
            throw new ArgumentException("One line number per record.", nameof(lineNumbers));
        Source = source;
        Records = records;
        Labels = labels;
        Difficulties = difficulties;
        LineNumbers = lineNumbers ?? Enumerable.Range(1, records.Count).Select(i => (long)i).ToArray();
        Schema = records.Count > 0 ? records[0].Schema : BuiltInSchemas.NslKdd; // records know their schema: a set built from them keeps it
    }

    /// <summary>Where the records came from (a file path or a description).</summary>
    public string Source { get; }
    public IReadOnlyList<ConnectionRecord> Records { get; }
    /// <summary>Null when the source had no label column.</summary>
    public IReadOnlyList<AttackLabel>? Labels { get; }
    /// <summary>The NSL-KDD difficulty (lastflag), null when absent. Never a feature.</summary>
    public IReadOnlyList<int>? Difficulties { get; }
    /// <summary>The 1-based line number in the source file of each record.</summary>
    public IReadOnlyList<long> LineNumbers { get; }

    /// <summary>The layout the records follow: their own schema (NSL-KDD for an empty set), unless given.</summary>
    public RecordSchema Schema { get; init; }

    /// <summary>The names of <see cref="ConnectionFields"/>' values (Flow ID, addresses, start time, ...): who and when, never features.</summary>
    public IReadOnlyList<string> ConnectionFieldNames { get; init; } = [];

    /// <summary>Per record, the connection fields as read (in <see cref="ConnectionFieldNames"/> order); null when the source had none.</summary>
    public IReadOnlyList<string[]>? ConnectionFields
    {
        get => _connectionFields;
        init
        {
            if (value is not null && value.Count != Records.Count) throw new ArgumentException("One set of connection fields per record.", nameof(value));
            _connectionFields = value;
        }
    }
    private readonly IReadOnlyList<string[]>? _connectionFields;

    /// <summary>The files the records were read from (one, unless several were read as one data set).</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Per record, its index into <see cref="Files"/>; null when read from one file.</summary>
    public IReadOnlyList<int>? FileIndices
    {
        get => _fileIndices;
        init
        {
            if (value is not null && value.Count != Records.Count) throw new ArgumentException("One file index per record.", nameof(value));
            _fileIndices = value;
        }
    }
    private readonly IReadOnlyList<int>? _fileIndices;

    public int Count => Records.Count;
    public bool HasLabels => Labels is not null;

    /// <summary>The labels; throws a clear error when the source had none.</summary>
    public IReadOnlyList<AttackLabel> RequireLabels() => Labels
        ?? throw new InvalidOperationException($"{Source} has no '{Schema.Label?.Column ?? "label"}' column: this needs labelled data.");

    /// <summary>The records at <paramref name="indices"/>, with their labels and lines.</summary>
    public ConnectionDataset Subset(IReadOnlyList<int> indices, string? source = null) => new(
        source ?? Source,
        indices.Select(i => Records[i]).ToArray(),
        Labels is null ? null : indices.Select(i => Labels[i]).ToArray(),
        Difficulties is null ? null : indices.Select(i => Difficulties[i]).ToArray(),
        indices.Select(i => LineNumbers[i]).ToArray())
    {
        Schema = Schema,
        ConnectionFieldNames = ConnectionFieldNames,
        ConnectionFields = ConnectionFields is null ? null : indices.Select(i => ConnectionFields[i]).ToArray(),
        Files = Files,
        FileIndices = FileIndices is null ? null : indices.Select(i => FileIndices[i]).ToArray(),
    };

    /// <summary>Only the records labelled normal (a clean baseline for unsupervised detectors).</summary>
    public ConnectionDataset NormalOnly() =>
        Subset(Enumerable.Range(0, Count).Where(i => !RequireLabels()[i].IsAttack).ToArray(), Source + " (normal only)");
}
