using System.Globalization;
using nietras.SeparatedValues;
using Nad.Core.Records;

namespace Nad.Core.Reading;

/// <summary>
/// Writes a schema from a labelled CSV (<c>nad schema infer</c>): a column whose every cell is a
/// number (Infinity, NaN and empty cells allowed, which makes it "missing") is numeric; others are
/// categorical, except identifier-like ones (more than <see cref="IdentifierDistinct"/> distinct values,
/// most of them unique: addresses, flow ids, timestamps), which become connection fields; a numeric
/// column counting 1, 2, 3, ... or named "id" is ignored; a 0/1 column named "label" beside another
/// label column is the binary label. The result is a starting point to read and edit.
/// </summary>
public static class SchemaInference
{
    public const int IdentifierDistinct = 1000;

    public static RecordSchema Infer(string path, string labelColumn, IReadOnlyList<string> normalValues, string? name = null)
    {
        var summary = new ReadSummary();
        using var stream = InputFile.Open(path);
        using var text = new StreamReader(stream, Latin1Fallback.Utf8(summary, path), detectEncodingFromByteOrderMarks: false);
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true }).From(text);
        string[]? header = null;
        ColumnStats[] stats = [];
        long rows = 0;
        foreach (var row in reader)
        {
            if (header is null)
            {
                header = new string[row.ColCount];
                for (var c = 0; c < header.Length; c++) header[c] = row[c].Span.Trim().TrimStart('\uFEFF').Trim().ToString();
                stats = [.. header.Select(_ => new ColumnStats())];
                continue;
            }
            if (row.ColCount != header.Length) continue; // a stray row cannot change the layout
            if (row[0].Span.Trim().Equals(header[0], StringComparison.OrdinalIgnoreCase)) continue; // a repeated header
            rows++;
            for (var c = 0; c < header.Length; c++) stats[c].Add(row[c].Span.Trim(), rows);
        }
        if (header is null || rows == 0)
            throw new DataFormatException(new DataError(path, 0, null, null, null, "has no header and data rows to infer a schema from"));
        var labelIndex = Array.FindIndex(header, h => string.Equals(h, labelColumn, StringComparison.OrdinalIgnoreCase));
        if (labelIndex < 0)
            throw new DataFormatException(new DataError(path, 1, null, null, labelColumn,
                $"is not a column of the header; the columns are {string.Join(", ", header.Select(h => $"'{h}'"))}"));

        var columns = new List<SchemaColumn>();
        var connection = new List<string>();
        var ignored = new List<string>();
        string? binary = null;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { header[labelIndex] };
        for (var c = 0; c < header.Length; c++)
        {
            if (!seen.Add(header[c]) || c == labelIndex) continue; // duplicated column: the first one counts
            var s = stats[c];
            if (string.Equals(header[c], "label", StringComparison.OrdinalIgnoreCase) && s.IsBinary) binary = header[c];
            else if (s.IsNumeric && (s.IsCounter || string.Equals(header[c], "id", StringComparison.OrdinalIgnoreCase))) ignored.Add(header[c]);
            else if (s.IsNumeric) columns.Add(SchemaColumn.Numeric(header[c]) with { Missing = s.HadMissing });
            else if (s.Distinct.Count > IdentifierDistinct && s.Distinct.Count * 2 > rows) connection.Add(header[c]);
            else columns.Add(SchemaColumn.Categorical(header[c]));
        }
        if (columns.Count == 0)
            throw new DataFormatException(new DataError(path, 1, null, null, null, "has no feature columns besides the label"));
        var label = new LabelSpec(header[labelIndex], normalValues) { BinaryColumn = binary };
        return new RecordSchema(name ?? Path.GetFileNameWithoutExtension(path), columns, label, connection, ignored,
            $"Inferred from {Path.GetFileName(path)} ({rows:N0} rows).");
    }

    private sealed class ColumnStats
    {
        public HashSet<string> Distinct { get; } = new(StringComparer.Ordinal);
        public bool IsNumeric { get; private set; } = true;
        public bool HadMissing { get; private set; }
        public bool IsCounter { get; private set; } = true;
        public bool IsBinary => IsNumeric && !HadMissing && Distinct.All(v => v is "0" or "1");

        public void Add(ReadOnlySpan<char> cell, long row)
        {
            if (Distinct.Count <= IdentifierDistinct * 4) Distinct.Add(cell.ToString());
            if (!IsNumeric) return;
            if (cell.IsEmpty)
            {
                HadMissing = true;
                IsCounter = false;
                return;
            }
            if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                IsNumeric = false;
                return;
            }
            if (!double.IsFinite(value)) HadMissing = true;
            if (value != row && value != row - 1) IsCounter = false;
        }
    }
}
