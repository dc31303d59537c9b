namespace Nad.Core.Reading;

/// <summary>The name and the policy of each <see cref="DirtKind"/>, as the read summary and docs/schemas.md show them.</summary>
public static class DirtPolicy
{
    /// <summary>The finite value written for Infinity, NaN or an empty numeric cell (with its sign for -Infinity).</summary>
    public const double MissingValue = 1e12;

    public static string Name(DirtKind kind) => kind switch
    {
        DirtKind.TrimmedHeaderName => "trimmed header names",
        DirtKind.DuplicateColumn => "duplicated columns",
        DirtKind.Infinity => "Infinity cells",
        DirtKind.NotANumber => "NaN cells",
        DirtKind.EmptyNumber => "empty numeric cells",
        DirtKind.AbsentValue => "'absent' values",
        DirtKind.ByteOrderMark => "byte order mark",
        DirtKind.Latin1Bytes => "Latin-1 bytes",
        DirtKind.RepeatedHeaderRow => "repeated header rows",
        DirtKind.EmptyRow => "empty rows",
        _ => kind.ToString(),
    };

    public static string Policy(DirtKind kind) => kind switch
    {
        DirtKind.TrimmedHeaderName => "trimmed",
        DirtKind.DuplicateColumn => "first kept, later ones read past",
        DirtKind.Infinity => "±1e12 and the missing indicator set",
        DirtKind.NotANumber or DirtKind.EmptyNumber => "1e12 and the missing indicator set",
        DirtKind.AbsentValue => "kept and the missing indicator set",
        DirtKind.ByteOrderMark => "dropped",
        DirtKind.Latin1Bytes => "decoded as Windows-1252",
        DirtKind.RepeatedHeaderRow or DirtKind.EmptyRow => "skipped",
        _ => "",
    };
}
