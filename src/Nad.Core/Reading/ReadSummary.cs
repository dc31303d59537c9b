namespace Nad.Core.Reading;

/// <summary>What reading a file found besides the rows: how many were bad and skipped, and examples.</summary>
public sealed class ReadSummary
{
    private readonly List<DataError> _examples = [];

    public long RowsRead { get; internal set; }
    public long BadRowsSkipped { get; internal set; }
    public bool HadHeader { get; internal set; }
    public bool HadLabels { get; internal set; }
    public IReadOnlyList<DataError> SkippedExamples => _examples;

    internal void AddSkipped(DataError error, int maxExamples)
    {
        BadRowsSkipped++;
        if (_examples.Count < maxExamples) _examples.Add(error);
    }
}
