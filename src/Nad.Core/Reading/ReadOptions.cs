namespace Nad.Core.Reading;

/// <summary>How strictly to read a connection-record file.</summary>
public sealed record ReadOptions
{
    /// <summary>Skip bad rows (and count them) instead of stopping at the first ones.</summary>
    public bool SkipBadRows { get; init; }

    /// <summary>How many bad rows to list before stopping (or, when skipping, to keep as examples).</summary>
    public int MaxErrorsListed { get; init; } = 10;

    /// <summary>Fail when the file has no label column (training and evaluation need one).</summary>
    public bool RequireLabels { get; init; }

    public static ReadOptions Default { get; } = new();
}
