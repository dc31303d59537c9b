using System.Globalization;
using nietras.SeparatedValues;
using Nad.Core.Records;

namespace Nad.Core.Reading;

/// <summary>
/// Reads labelled (or unlabelled) flow records of any <see cref="RecordSchema"/> from CSV files
/// with a header row: columns are found by name, so their order is free. Known dirt is cleaned by
/// its named policy and counted (<see cref="DirtKind"/>); everything else wrong is a
/// <see cref="DataError"/> naming file, line, column and value. NSL-KDD goes through the
/// specialised <see cref="NslKddReader"/> (its speed and its headerless files stay as they were).
/// </summary>
public static class RecordReader
{
    public static ConnectionDataset ReadFile(RecordSchema schema, string path, ReadOptions? options = null) =>
        ReadFile(schema, path, options, out _);

    public static ConnectionDataset ReadFile(RecordSchema schema, string path, ReadOptions? options, out ReadSummary summary)
    {
        if (schema.IsNslKdd) return NslKddReader.ReadFile(path, options, out summary);
        using var stream = InputFile.Open(path);
        return Read(schema, stream, path, options, out summary);
    }

    /// <summary>Reads several files as one data set (the CIC day files); each record remembers its file.</summary>
    public static ConnectionDataset ReadFiles(RecordSchema schema, IReadOnlyList<string> paths, ReadOptions? options, out ReadSummary summary)
    {
        if (paths.Count == 0) throw new ArgumentException("No files to read.", nameof(paths));
        summary = new ReadSummary();
        var parts = new List<ConnectionDataset>();
        foreach (var path in paths)
        {
            parts.Add(ReadFile(schema, path, options, out var part));
            summary.Add(part);
        }
        if (parts.Count == 1) return parts[0];
        return Concatenate(schema, parts, paths);
    }

    /// <summary>Reads a whole stream (plain or gzip) of <paramref name="schema"/>'s records into memory.</summary>
    public static ConnectionDataset Read(RecordSchema schema, Stream stream, string sourceName, ReadOptions? options, out ReadSummary summary)
    {
        if (schema.IsNslKdd) return NslKddReader.Read(stream, sourceName, options, out summary);
        options ??= ReadOptions.Default;
        summary = new ReadSummary();
        var records = new List<ConnectionRecord>();
        var labels = new List<AttackLabel>();
        var fields = new List<string[]>();
        var lines = new List<long>();
        using var decoded = InputFile.Decode(stream, sourceName);
        using var text = new StreamReader(decoded, Latin1Fallback.Utf8(summary, sourceName), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true }).From(text);
        Layout? layout = null;
        List<DataError>? fatal = null;
        foreach (var row in reader)
        {
            var line = row.RowIndex + 1L;
            if (IsEmpty(row))
            {
                if (layout is not null) summary.CountDirt(DirtKind.EmptyRow, $"{sourceName}, line {line}");
                continue;
            }
            if (layout is null)
            {
                layout = Layout.FromHeader(schema, row, sourceName, line, options, summary);
                summary.HadHeader = true;
                summary.HadLabels = layout.HasLabels;
                continue;
            }
            if (layout.IsHeaderAgain(row))
            {
                summary.CountDirt(DirtKind.RepeatedHeaderRow, $"{sourceName}, line {line}");
                continue;
            }
            var error = layout.TryParse(row, line, summary, out var record, out var label, out var connection);
            if (error is null)
            {
                if (fatal is not null) continue;
                records.Add(record!);
                lines.Add(line);
                if (label is { } l) labels.Add(l);
                if (connection is not null) fields.Add(connection);
                summary.RowsRead++;
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
        if (layout is null)
            throw new DataFormatException(new DataError(sourceName, 0, null, null, null, "is empty: no header row and no data rows"));
        if (summary.RowsRead == 0 && summary.BadRowsSkipped == 0)
            throw new DataFormatException(new DataError(sourceName, 0, null, null, null, "has a header but no data rows"));
        if (summary.RowsRead == 0)
            throw new DataFormatException(summary.SkippedExamples, $"{sourceName}: every one of its {summary.BadRowsSkipped} rows is bad:");
        return new ConnectionDataset(sourceName, records, layout.HasLabels ? labels : null, null, lines)
        {
            Schema = schema,
            ConnectionFieldNames = layout.ConnectionFieldNames,
            ConnectionFields = layout.ConnectionFieldNames.Count > 0 ? fields : null,
            Files = [sourceName],
        };
    }

    private static ConnectionDataset Concatenate(RecordSchema schema, List<ConnectionDataset> parts, IReadOnlyList<string> paths)
    {
        var labelled = parts.All(p => p.HasLabels);
        var sameFields = parts.All(p => p.ConnectionFieldNames.SequenceEqual(parts[0].ConnectionFieldNames, StringComparer.Ordinal));
        var source = paths.Count <= 3 ? string.Join(", ", paths) : $"{paths[0]} and {paths.Count - 1} more files";
        return new ConnectionDataset(
            source,
            [.. parts.SelectMany(p => p.Records)],
            labelled ? [.. parts.SelectMany(p => p.Labels!)] : null,
            parts.All(p => p.Difficulties is not null) ? [.. parts.SelectMany(p => p.Difficulties!)] : null,
            [.. parts.SelectMany(p => p.LineNumbers)])
        {
            Schema = schema,
            ConnectionFieldNames = sameFields ? parts[0].ConnectionFieldNames : [],
            ConnectionFields = sameFields && parts.All(p => p.ConnectionFields is not null) ? [.. parts.SelectMany(p => p.ConnectionFields!)] : null,
            Files = [.. paths],
            FileIndices = [.. parts.SelectMany((p, i) => Enumerable.Repeat(i, p.Count))],
        };
    }

    private static bool IsEmpty(SepReader.Row row)
    {
        for (var c = 0; c < row.ColCount; c++)
            if (!row[c].Span.Trim().IsEmpty) return false;
        return true;
    }

    /// <summary>Where each of the schema's columns is in one file, and how to parse a row of it.</summary>
    private sealed class Layout
    {
        private readonly RecordSchema _schema;
        private readonly string _source;
        private readonly string[] _header;
        private readonly int[] _featureIndex;      // per schema column: its file column
        private readonly int[] _indicatorOf;       // per schema column: its indicator's position in Numeric, or -1
        private readonly int _labelIndex;
        private readonly int _binaryIndex;
        private readonly int[] _connectionIndex;
        private readonly Dictionary<string, string> _symbols = new(StringComparer.Ordinal);
        private readonly Dictionary<string, AttackLabel> _labels = new(StringComparer.Ordinal);

        private Layout(RecordSchema schema, string source, string[] header, Dictionary<string, int> index, bool keepConnectionFields)
        {
            _schema = schema;
            _source = source;
            _header = header;
            _featureIndex = [.. schema.Columns.Select(c => index[c.Name])];
            _indicatorOf = new int[schema.Columns.Count];
            var next = schema.NumericColumns.Count;
            for (var c = 0; c < schema.Columns.Count; c++)
                _indicatorOf[c] = schema.Columns[c].HasIndicator ? next++ : -1;
            _labelIndex = schema.Label is { } label ? index.GetValueOrDefault(label.Column, -1) : -1;
            _binaryIndex = schema.Label?.BinaryColumn is { } binary ? index.GetValueOrDefault(binary, -1) : -1;
            var present = keepConnectionFields ? schema.ConnectionFields.Where(index.ContainsKey).ToArray() : [];
            ConnectionFieldNames = present;
            _connectionIndex = [.. present.Select(n => index[n])];
        }

        public IReadOnlyList<string> ConnectionFieldNames { get; }
        public bool HasLabels => _labelIndex >= 0 || _binaryIndex >= 0;

        public static Layout FromHeader(RecordSchema schema, SepReader.Row row, string source, long line, ReadOptions options, ReadSummary summary)
        {
            var first = row[0].Span;
            if (first.StartsWith("\uFEFF"))
            {
                summary.CountDirt(DirtKind.ByteOrderMark, source);
                first = first[1..];
            }
            if (first.TrimStart() is ['{' or '[', ..])
                throw new DataFormatException(new DataError(source, line, null, null, null,
                    $"looks like JSON, not CSV; expected a header row with the columns of schema '{schema.Name}'"));
            var header = new string[row.ColCount];
            var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var c = 0; c < row.ColCount; c++)
            {
                var raw = c == 0 ? first : row[c].Span;
                var name = raw.Trim();
                if (name.Length != raw.Length) summary.CountDirt(DirtKind.TrimmedHeaderName, $"{source}, line {line}, column {c + 1} ('{raw}')");
                header[c] = name.ToString();
                if (!index.TryAdd(header[c], c))
                    summary.CountDirt(DirtKind.DuplicateColumn, $"{source}, line {line}, column {c + 1} ('{header[c]}', first in column {index[header[c]] + 1})");
            }
            if (header.All(h => double.TryParse(h, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || h.Length == 0))
                throw new DataFormatException(new DataError(source, line, null, null, null,
                    $"has no header row; schema '{schema.Name}' finds its columns by name, so the first row must name them"));
            var fit = SchemaFit.Check(schema, header);
            if (!fit.Fits)
                throw new DataFormatException(new DataError(source, line, null, null, null, fit.Describe()));
            var layout = new Layout(schema, source, header, index, options.KeepConnectionFields);
            if (options.RequireLabels && !layout.HasLabels)
                throw new DataFormatException(new DataError(source, line, null, null, null,
                    $"has no '{schema.Label?.Column ?? "label"}' column; this needs labelled data"));
            return layout;
        }

        // A header row again (files concatenated with their headers): its first feature cell is that column's name.
        public bool IsHeaderAgain(SepReader.Row row)
        {
            var c = _featureIndex[0];
            return c < row.ColCount && row[c].Span.Trim().Equals(_header[c], StringComparison.OrdinalIgnoreCase);
        }

        public DataError? TryParse(SepReader.Row row, long line, ReadSummary summary, out ConnectionRecord? record, out AttackLabel? label, out string[]? connection)
        {
            record = null;
            label = null;
            connection = null;
            if (row.ColCount != _header.Length)
                return new DataError(_source, line, null, null, null,
                    $"has {row.ColCount} columns; expected {_header.Length} like the header");
            var columns = _schema.Columns;
            var categorical = new string[_schema.CategoricalColumns.Count];
            var numeric = new double[_schema.NumericFeatureNames.Count];
            int nextCategorical = 0, nextNumeric = 0;
            for (var c = 0; c < columns.Count; c++)
            {
                var column = columns[c];
                var at = _featureIndex[c];
                var cell = row[at].Span.Trim();
                if (column.IsCategorical)
                {
                    categorical[nextCategorical++] = Intern(cell);
                    continue;
                }
                var error = ParseNumber(column, cell, line, at, summary, out var value, out var missing);
                if (error is not null) return error;
                numeric[nextNumeric++] = value;
                if (_indicatorOf[c] >= 0) numeric[_indicatorOf[c]] = missing ? 1 : 0;
            }
            if (_labelIndex >= 0)
            {
                var raw = row[_labelIndex].Span.Trim();
                if (raw.IsEmpty)
                    return new DataError(_source, line, _labelIndex + 1, _header[_labelIndex], "",
                        $"is empty; expected a label ('{string.Join("' or '", _schema.Label!.NormalValues)}' or an attack name)");
                label = Label(raw);
            }
            else if (_binaryIndex >= 0)
            {
                var raw = row[_binaryIndex].Span.Trim();
                if (raw is not ("0" or "1"))
                    return new DataError(_source, line, _binaryIndex + 1, _header[_binaryIndex], raw.ToString(), "is not a 0/1 label");
                label = LabelSpec.FromBinary(raw is "1");
            }
            if (_connectionIndex.Length > 0)
            {
                connection = new string[_connectionIndex.Length];
                for (var i = 0; i < connection.Length; i++)
                    connection[i] = row[_connectionIndex[i]].Span.Trim().ToString();
            }
            record = new ConnectionRecord(_schema, categorical, numeric);
            return null;
        }

        private DataError? ParseNumber(SchemaColumn column, ReadOnlySpan<char> cell, long line, int at, ReadSummary summary, out double value, out bool missing)
        {
            missing = false;
            DirtKind? dirt = null;
            if (cell.IsEmpty)
            {
                dirt = DirtKind.EmptyNumber;
                value = DirtPolicy.MissingValue;
            }
            else if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            {
                return new DataError(_source, line, at + 1, _header[at], cell.ToString(), "is not a number");
            }
            else if (double.IsNaN(value))
            {
                dirt = DirtKind.NotANumber;
                value = DirtPolicy.MissingValue;
            }
            else if (double.IsInfinity(value))
            {
                dirt = DirtKind.Infinity;
                value = value > 0 ? DirtPolicy.MissingValue : -DirtPolicy.MissingValue;
            }
            else if (column.AbsentValue is { } absent && value == absent)
            {
                summary.CountDirt(DirtKind.AbsentValue, $"{_source}, line {line}, column {at + 1} ({_header[at]})");
                missing = true;
                return null;
            }
            if (dirt is null) return null;
            if (!column.Missing)
                return new DataError(_source, line, at + 1, _header[at], cell.ToString(),
                    $"is not a finite number, and schema '{_schema.Name}' does not allow missing values in this column (\"missing\": true would)");
            summary.CountDirt(dirt.Value, $"{_source}, line {line}, column {at + 1} ({_header[at]})");
            missing = true;
            return null;
        }

        private AttackLabel Label(ReadOnlySpan<char> raw)
        {
            var lookup = _labels.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(raw, out var label)) return label;
            label = _schema.Label!.Parse(raw);
            _labels[raw.ToString()] = label;
            return label;
        }

        private string Intern(ReadOnlySpan<char> span)
        {
            var lookup = _symbols.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(span, out var value)) return value;
            value = span.ToString();
            _symbols[value] = value;
            return value;
        }
    }
}
