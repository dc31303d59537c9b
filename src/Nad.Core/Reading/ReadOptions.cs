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

    /// <summary>
    /// Keep each row's connection fields (Flow ID, addresses, timestamp: several short strings a row). Off
    /// when nothing will show them (training, evaluation): on the full CIC-IDS2017 that is over 1 GB less.
    /// </summary>
    public bool KeepConnectionFields { get; init; } = true;

    public static ReadOptions Default { get; } = new();
}
