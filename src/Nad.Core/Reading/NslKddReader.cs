using System.Globalization;
using nietras.SeparatedValues;
using Nad.Core.Records;

namespace Nad.Core.Reading;

/// <summary>
/// Reads connection records in the NSL-KDD layout: 41 features, then optionally <c>attack</c>
/// and <c>lastflag</c>; with or without the header row; plain or gzip. <c>nad extract</c>'s output
/// (41 features, then its connection columns, with its header) reads too: the connection columns ride beside the records. Every value is validated
/// against <see cref="NslKddSchema"/>, and every problem is reported with file, line and column.
/// </summary>
public static class NslKddReader
{
    /// <summary>Reads a whole file into memory.</summary>
    public static ConnectionDataset ReadFile(string path, ReadOptions? options = null) =>
        ReadFile(path, options, out _);

    /// <summary>Reads a whole file into memory and tells what was skipped.</summary>
    public static ConnectionDataset ReadFile(string path, ReadOptions? options, out ReadSummary summary)
    {
        using var stream = InputFile.Open(path);
        return Read(stream, path, options, out summary);
    }

    /// <summary>Reads a whole stream (plain or gzip) into memory.</summary>
    public static ConnectionDataset Read(Stream stream, string sourceName, ReadOptions? options, out ReadSummary summary)
    {
        var records = new List<ConnectionRecord>();
        var labels = new List<AttackLabel>();
        var difficulties = new List<int>();
        var lines = new List<long>();
        var connections = new List<string[]>();
        summary = new ReadSummary();
        foreach (var row in ReadRows(stream, sourceName, options, summary))
        {
            records.Add(row.Record);
            lines.Add(row.Line);
            if (row.Connection is { } connection) connections.Add(connection);
            if (row.Label is { } label) labels.Add(label);
            if (row.Difficulty is { } difficulty) difficulties.Add(difficulty);
        }
        return new ConnectionDataset(
            sourceName,
            records,
            summary.HadLabels ? labels : null,
            difficulties.Count == records.Count && records.Count > 0 ? difficulties : null,
            lines)
        {
            ConnectionFieldNames = connections.Count > 0 ? NslKddSchema.ExtractConnectionColumns : [],
            ConnectionFields = connections.Count > 0 ? connections : null,
            Files = [sourceName],
        };
    }

    /// <summary>
    /// Streams rows one at a time, for files too large to hold. The stream may be gzip; it is
    /// disposed at the end. Bad rows throw <see cref="DataFormatException"/> listing up to
    /// <see cref="ReadOptions.MaxErrorsListed"/> of them, unless skipped.
    /// </summary>
    public static IEnumerable<NslKddRow> ReadRows(Stream stream, string sourceName, ReadOptions? options = null, ReadSummary? summary = null)
    {
        options ??= ReadOptions.Default;
        summary ??= new ReadSummary();
        using var text = InputFile.Decode(stream, sourceName);
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, DisableQuotesParsing = true })
            .From(text);
        var parser = new RowParser(sourceName);
        int? expectedColumns = null;
        var extracted = false; // nad extract's header: 41 features, then connection columns, no labels
        List<DataError>? fatal = null;

        foreach (var row in reader)
        {
            // Quotes are off, so a row is exactly one line (Sep 0.17 reports LineNumberFrom 2 for the first row).
            var line = row.RowIndex + 1L;
            if (row.ColCount == 1 && row[0].Span.Trim().IsEmpty) continue; // blank line

            if (expectedColumns is null)
            {
                // A JSON record (what the API takes) given as a file: say so, not "header has 1 columns".
                if (row[0].Span.TrimStart().TrimStart('\uFEFF') is ['{' or '[', ..])
                    throw new DataFormatException(new DataError(sourceName, line, null, null, null,
                        "looks like JSON, not CSV; expected NSL-KDD rows: 41 comma-separated features, then optionally attack and lastflag"));
                expectedColumns = row.ColCount;
                if (IsHeader(row))
                {
                    summary.HadHeader = true;
                    extracted = CheckHeader(row, sourceName, line);
                    continue;
                }
                if (row.ColCount is < NslKddSchema.FeatureCount or > NslKddSchema.FeatureCount + 2)
                    throw new DataFormatException(new DataError(sourceName, line, null, null, null,
                        $"has {row.ColCount} columns; expected 41 features, then optionally attack and lastflag (41 to 43 columns)"));
            }
            summary.HadLabels = !extracted && expectedColumns > NslKddSchema.FeatureCount;
            if (options.RequireLabels && !summary.HadLabels)
                throw new DataFormatException(new DataError(sourceName, line, null, null, null,
                    $"has no '{NslKddSchema.LabelColumn}' column (41 columns); this needs labelled data (42 or 43 columns)"));

            var error = parser.TryParse(row, line, expectedColumns.Value, extracted, out var parsed);
            if (error is null)
            {
                if (fatal is null)
                {
                    summary.RowsRead++;
                    yield return parsed;
                }
                continue;
            }
            if (options.SkipBadRows)
            {
                summary.AddSkipped(error, options.MaxErrorsListed);
                continue;
            }
            fatal ??= [];
            fatal.Add(error);
            if (fatal.Count >= options.MaxErrorsListed) break;
        }

        if (fatal is not null)
            throw new DataFormatException(fatal, fatal.Count >= options.MaxErrorsListed
                ? $"{sourceName}: stopped at the first {fatal.Count} bad rows:"
                : $"{sourceName}: {fatal.Count} bad row(s):");
        if (summary.RowsRead == 0 && summary.BadRowsSkipped == 0)
            throw new DataFormatException(new DataError(sourceName, 0, null, null, null,
                summary.HadHeader ? "has a header but no data rows" : "is empty: no data rows"));
        if (summary.RowsRead == 0)
            throw new DataFormatException(summary.SkippedExamples,
                $"{sourceName}: every one of its {summary.BadRowsSkipped} rows is bad:");
    }

    // A header row starts with a name, not a number.
    private static bool IsHeader(SepReader.Row row) =>
        !double.TryParse(row[0].Span, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    // True when it is nad extract's header (the features, then its connection columns).
    private static bool CheckHeader(SepReader.Row row, string source, long line)
    {
        if (IsExtractHeader(row)) return true;
        if (row.ColCount is < NslKddSchema.FeatureCount or > NslKddSchema.FeatureCount + 2)
            throw new DataFormatException(new DataError(source, line, null, null, null,
                $"header has {row.ColCount} columns; expected the 41 NSL-KDD features, then optionally attack and lastflag"));
        var expected = NslKddSchema.HeaderWithLabels;
        for (var i = 0; i < row.ColCount; i++)
        {
            var name = row[i].Span.Trim();
            if (!name.Equals(expected[i], StringComparison.OrdinalIgnoreCase))
                throw new DataFormatException(new DataError(source, line, i + 1, expected[i], name.ToString(),
                    $"is not the expected header name '{expected[i]}' (NSL-KDD column order)"));
        }
        return false;
    }

    private static bool IsExtractHeader(SepReader.Row row)
    {
        var connection = NslKddSchema.ExtractConnectionColumns;
        if (row.ColCount != NslKddSchema.FeatureCount + connection.Count) return false;
        for (var i = 0; i < connection.Count; i++)
            if (!row[NslKddSchema.FeatureCount + i].Span.Trim().Equals(connection[i], StringComparison.OrdinalIgnoreCase)) return false;
        for (var i = 0; i < NslKddSchema.FeatureCount; i++)
            if (!row[i].Span.Trim().Equals(NslKddSchema.Columns[i].Name, StringComparison.OrdinalIgnoreCase)) return false;
        return true;
    }

    /// <summary>Parses and validates one row; keeps per-file caches of categorical strings and labels.</summary>
    private sealed class RowParser(string source)
    {
        // An array, not IReadOnlyList: this loop runs 5 million times per training file.
        private static readonly FeatureColumn[] Columns = [.. NslKddSchema.Columns];
        private static readonly RecordSchema Schema = BuiltInSchemas.NslKdd;

        private readonly Dictionary<string, string> _symbols = new(StringComparer.Ordinal);
        private readonly Dictionary<string, AttackLabel> _labels = new(StringComparer.Ordinal);

        public DataError? TryParse(SepReader.Row row, long line, int expectedColumns, bool extracted, out NslKddRow parsed)
        {
            parsed = default;
            if (row.ColCount != expectedColumns)
                return new DataError(source, line, null, null, null,
                    $"has {row.ColCount} columns; expected {expectedColumns} like the rows before it (41 features, then optionally attack and lastflag{(extracted ? ", or nad extract's connection columns" : "")})");

            var categorical = new string[3];
            var numeric = new double[NslKddSchema.NumericCount];
            var columns = Columns;
            for (var c = 0; c < columns.Length; c++)
            {
                var column = columns[c];
                var col = row[c];
                if (column.IsCategorical)
                {
                    var symbol = col.Span.Trim();
                    if (symbol.IsEmpty || !IsSymbolStart(symbol[0]))
                        return Error(line, column, symbol, "is not a name; expected a symbol such as tcp, http or SF");
                    categorical[column.ValueIndex] = Intern(_symbols, symbol);
                    continue;
                }
                if (!TryParseNumber(col, out var value))
                    return Error(line, column, col.Span.Trim(), $"is not a number; expected {Expected(column)}");
                if (!InRange(column.Kind, value) && column.Validate(value) is { } expected)
                    return Error(line, column, col.Span, $"is out of range; expected {expected}");
                numeric[column.ValueIndex] = value;
            }

            AttackLabel? label = null;
            int? difficulty = null;
            if (extracted)
            {
                var connection = new string[expectedColumns - NslKddSchema.FeatureCount];
                for (var i = 0; i < connection.Length; i++)
                    connection[i] = row[NslKddSchema.FeatureCount + i].Span.Trim().ToString();
                parsed = new NslKddRow(line, new ConnectionRecord(Schema, categorical, numeric), null, null, connection);
                return null;
            }
            if (expectedColumns > NslKddSchema.FeatureCount)
            {
                var raw = row[NslKddSchema.FeatureCount].Span.Trim();
                if (raw.IsEmpty || raw is ".")
                    return new DataError(source, line, NslKddSchema.FeatureCount + 1, NslKddSchema.LabelColumn, raw.ToString(),
                        "is empty; expected 'normal' or an attack name");
                label = Label(raw);
            }
            if (expectedColumns > NslKddSchema.FeatureCount + 1)
            {
                var raw = row[NslKddSchema.FeatureCount + 1].Span.Trim();
                if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) || d < 0)
                    return new DataError(source, line, NslKddSchema.FeatureCount + 2, NslKddSchema.DifficultyColumn, raw.ToString(),
                        "is not a difficulty level; expected a whole number from 0 (NSL-KDD uses 0 to 21)");
                difficulty = d;
            }
            parsed = new NslKddRow(line, new ConnectionRecord(Schema, categorical, numeric), label, difficulty);
            return null;
        }

        // Most NSL-KDD values are a single digit ("0", "1"); the general parser handles the rest.
        private static bool TryParseNumber(SepReader.Col col, out double value)
        {
            var span = col.Span;
            if (span.Length == 1 && char.IsAsciiDigit(span[0]))
            {
                value = span[0] - '0';
                return true;
            }
            // Sep's csFastFloat parser; fall back to the framework's for padded or unusual text.
            if (col.TryParse<double>() is { } parsed)
            {
                value = parsed;
                return true;
            }
            return double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        // The common case inline; FeatureColumn.Validate words the problem when this says no.
        private static bool InRange(FeatureKind kind, double value) => kind switch
        {
            FeatureKind.Binary => value is 0 or 1,
            FeatureKind.Rate => value is >= 0 and <= 1,
            _ => value >= 0 && double.IsFinite(value),
        };

        private static bool IsSymbolStart(char c) => char.IsAsciiLetter(c) || c is '_' or '<';

        private AttackLabel Label(ReadOnlySpan<char> raw)
        {
            var lookup = _labels.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(raw, out var label)) return label;
            label = AttackLabel.Parse(raw);
            _labels[raw.ToString()] = label;
            return label;
        }

        private static string Intern(Dictionary<string, string> cache, ReadOnlySpan<char> span)
        {
            var lookup = cache.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(span, out var value)) return value;
            value = span.ToString();
            cache[value] = value;
            return value;
        }

        private DataError Error(long line, FeatureColumn column, ReadOnlySpan<char> value, string problem) =>
            new(source, line, column.Index + 1, column.Name, value.ToString(), problem);

        private static string Expected(FeatureColumn column) => column.Kind switch
        {
            FeatureKind.Binary => "0 or 1",
            FeatureKind.Rate => "a rate from 0 to 1",
            _ => "a number that is zero or more",
        };
    }
}
