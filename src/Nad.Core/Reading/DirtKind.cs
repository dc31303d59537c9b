namespace Nad.Core.Reading;

/// <summary>
/// The known dirt in real flow CSVs (CIC-IDS2017/2018, UNSW-NB15). Each has one named policy
/// (<see cref="DirtPolicy"/>); the reader counts every case in the <see cref="ReadSummary"/>.
/// </summary>
public enum DirtKind
{
    /// <summary>A header name with spaces around it (CIC's " Label"): trimmed.</summary>
    TrimmedHeaderName,
    /// <summary>A column name given twice (CIC's "Fwd Header Length"): the first is kept, the later ones read past.</summary>
    DuplicateColumn,
    /// <summary>Infinity in a numeric cell: a large finite value of the same sign, and the missing indicator set.</summary>
    Infinity,
    /// <summary>NaN in a numeric cell: the large finite value, and the missing indicator set.</summary>
    NotANumber,
    /// <summary>An empty numeric cell: the large finite value, and the missing indicator set.</summary>
    EmptyNumber,
    /// <summary>A value that means "not measured" (CIC's Init_Win_bytes -1): kept, and the missing indicator set.</summary>
    AbsentValue,
    /// <summary>A UTF-8 byte order mark before the first header name: dropped.</summary>
    ByteOrderMark,
    /// <summary>Bytes that are not UTF-8 (CIC's "Web Attack \x96 Brute Force"): decoded as Windows-1252 (Latin-1).</summary>
    Latin1Bytes,
    /// <summary>The header row again inside the file (CIC-IDS2018 day files): skipped.</summary>
    RepeatedHeaderRow,
    /// <summary>A row with no values (trailing ",,,," rows, blank lines): skipped.</summary>
    EmptyRow,
}
