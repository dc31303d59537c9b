namespace Nad.Core.Reading;

/// <summary>
/// One thing wrong with an input file, located as precisely as it can be:
/// file, 1-based line, 1-based column and its name, the offending text and what was expected.
/// </summary>
public sealed record DataError(string File, long Line, int? Column, string? ColumnName, string? Value, string Problem)
{
    public override string ToString()
    {
        if (Line <= 0 && Column is null && Value is null) return $"{File} {Problem}"; // the whole file: "x.csv is empty"
        var where = Line > 0 ? $"{File}, line {Line}" : File;
        if (Column is { } column)
            where += ColumnName is null ? $", column {column}" : $", column {column} ({ColumnName})";
        return Value is null ? $"{where}: {Problem}" : $"{where}: '{Truncate(Value)}' {Problem}";
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
