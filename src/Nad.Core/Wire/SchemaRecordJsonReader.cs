using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Nad.Core.Reading;
using Nad.Core.Records;

namespace Nad.Core.Wire;

/// <summary>
/// The record JSON format for a schema other than NSL-KDD (whose fast path is <see cref="RecordJsonReader"/>): one
/// record (an object whose fields are the schema's column names) or an array of them. Every feature column is
/// required (numbers for numeric columns, strings for categorical ones); the schema's connection fields, ignored
/// columns and label columns may be sent and are read past; the optional "connection" object is read as for NSL-KDD.
/// A column that allows missing values (<see cref="SchemaColumn.Missing"/>) also takes null, "Infinity", "NaN" or
/// an empty string, as the CSV reader does (a large finite value and the missing indicator set, never 0); its
/// <see cref="SchemaColumn.AbsentValue"/> sets the indicator too. The indicators themselves (<c>"Flow Bytes/s (missing)": 1</c>,
/// as <see cref="RecordJsonWriter"/> writes them) are optional. Every missing and every extra field is named.
/// </summary>
public static class SchemaRecordJsonReader
{
    /// <summary>Parses <paramref name="json"/> as records of <paramref name="schema"/>; returns null and fills <paramref name="errors"/> when anything is wrong.</summary>
    public static ParsedRecords? Parse(ReadOnlySequence<byte> json, RecordSchema schema, int maxRecords, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return RecordEnvelope.Parse(json, maxRecords, errors, new SchemaObjects(new Layout(schema)));
    }

    private readonly struct SchemaObjects(Layout layout) : IRecordObjectReader
    {
        public ConnectionRecord? Read(ref Utf8JsonReader reader, int index, FieldErrors errors, out ConnectionEndpoints? connection) =>
            ParseRecord(ref reader, layout, index, errors, out connection);
    }

    /// <summary>The schema's columns by name (case-insensitive, as <see cref="SchemaFit"/> matches a header) and where each value goes.</summary>
    private sealed class Layout
    {
        public Layout(RecordSchema schema)
        {
            Schema = schema;
            var next = schema.NumericColumns.Count;
            for (var c = 0; c < schema.Columns.Count; c++)
            {
                var column = schema.Columns[c];
                var slot = column.IsCategorical ? Categorical(schema, column) : Numeric(schema, column);
                Columns[column.Name] = (c, slot, column.HasIndicator ? next : -1);
                if (column.HasIndicator) Indicators[column.IndicatorName] = next++;
            }
            foreach (var name in schema.NonFeatureNames) Others.Add(name);
        }

        public RecordSchema Schema { get; }
        public Dictionary<string, (int Index, int Slot, int Indicator)> Columns { get; } = new(StringComparer.OrdinalIgnoreCase);
        public HashSet<string> Others { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>The missing indicators by name ("Flow Bytes/s (missing)"): optional, as <see cref="RecordJsonWriter"/> writes them.</summary>
        public Dictionary<string, int> Indicators { get; } = new(StringComparer.OrdinalIgnoreCase);

        private static int Categorical(RecordSchema schema, SchemaColumn column) => IndexOf(schema.CategoricalColumns, column);
        private static int Numeric(RecordSchema schema, SchemaColumn column) => IndexOf(schema.NumericColumns, column);

        private static int IndexOf(IReadOnlyList<SchemaColumn> columns, SchemaColumn column)
        {
            for (var i = 0; i < columns.Count; i++)
                if (ReferenceEquals(columns[i], column)) return i;
            throw new InvalidOperationException($"Column '{column.Name}' is not in its schema's list.");
        }
    }

    private static ConnectionRecord? ParseRecord(ref Utf8JsonReader reader, Layout layout, int index, FieldErrors errors, out ConnectionEndpoints? connection)
    {
        connection = null;
        var sawConnection = false;
        var before = errors.Count;
        var schema = layout.Schema;
        var seen = new bool[schema.Columns.Count];
        var categorical = new string[schema.CategoricalColumns.Count];
        var numeric = new double[schema.NumericFeatureNames.Count];

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString() ?? "";
            reader.Read();
            if (!layout.Columns.TryGetValue(name.Trim(), out var at))
            {
                if (name == RecordJsonReader.ConnectionField)
                {
                    if (sawConnection) errors.Add(RecordJsonReader.Field(index, name), "appears more than once");
                    var parsed = ConnectionJson.Read(ref reader, index, errors);
                    if (!sawConnection) connection = parsed;
                    sawConnection = true;
                }
                else if (layout.Indicators.TryGetValue(name.Trim(), out var indicator))
                {
                    // What the writer wrote reads back whole: a stored 1e12 with its indicator stays "missing".
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var flag) && flag is 0 or 1)
                    {
                        if (flag == 1) numeric[indicator] = 1;
                    }
                    else
                    {
                        errors.Add(RecordJsonReader.Field(index, RecordJsonReader.Shorten(name)), $"is {RecordJsonReader.Describe(reader.TokenType)}; expected 0 or 1 (a missing indicator)");
                        reader.Skip();
                    }
                }
                else
                {
                    if (!layout.Others.Contains(name.Trim()))
                        errors.Add(RecordJsonReader.Field(index, RecordJsonReader.Shorten(name)),
                            $"is not a column of schema '{schema.Name}' (extra field); the field names are the model's column names, e.g. {Example(schema)}");
                    reader.Skip(); // a connection field, ignored column or label: read past, as in a CSV
                }
                continue;
            }
            var column = schema.Columns[at.Index];
            if (seen[at.Index])
            {
                errors.Add(RecordJsonReader.Field(index, column.Name), "appears more than once");
                reader.Skip();
                continue;
            }
            seen[at.Index] = true;
            if (column.IsCategorical)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    errors.Add(RecordJsonReader.Field(index, column.Name), $"is {RecordJsonReader.Describe(reader.TokenType)}; expected a string");
                    reader.Skip();
                    continue;
                }
                var text = reader.GetString()!.Trim();
                if (text.Length == 0) errors.Add(RecordJsonReader.Field(index, column.Name), "is empty; expected a name");
                else if (text.Length > RecordJsonReader.MaxCategoryLength) errors.Add(RecordJsonReader.Field(index, column.Name), $"is longer than {RecordJsonReader.MaxCategoryLength} characters");
                else categorical[at.Slot] = CategoryValues.Get(text);
                continue;
            }
            if (ReadNumber(ref reader, column, out var value, out var missing) is { } problem)
            {
                errors.Add(RecordJsonReader.Field(index, column.Name), problem);
                continue;
            }
            numeric[at.Slot] = value;
            if (at.Indicator >= 0 && missing) numeric[at.Indicator] = 1;
        }

        for (var c = 0; c < seen.Length; c++)
            if (!seen[c])
                errors.Add(RecordJsonReader.Field(index, schema.Columns[c].Name),
                    $"is missing (a column of schema '{schema.Name}': {(schema.Columns[c].IsCategorical ? "a string" : "a number")})");

        return errors.Count == before ? new ConnectionRecord(schema, categorical, numeric) : null;
    }

    /// <summary>The value of a numeric column, or the problem; <paramref name="missing"/> when the missing indicator is set.</summary>
    private static string? ReadNumber(ref Utf8JsonReader reader, SchemaColumn column, out double value, out bool missing)
    {
        missing = false;
        value = 0;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (!reader.TryGetDouble(out value) || !double.IsFinite(value)) return "is not a representable number; expected a finite number";
                if (column.AbsentValue is { } absent && value == absent) missing = true;
                return null;
            case JsonTokenType.Null or JsonTokenType.String when column.Missing:
                var text = reader.TokenType == JsonTokenType.Null ? "" : reader.GetString()!.Trim();
                if (text.Length == 0 || text.Equals("NaN", StringComparison.OrdinalIgnoreCase)) value = DirtPolicy.MissingValue;
                else if (text.Equals("Infinity", StringComparison.OrdinalIgnoreCase) || text.Equals("+Infinity", StringComparison.OrdinalIgnoreCase)) value = DirtPolicy.MissingValue;
                else if (text.Equals("-Infinity", StringComparison.OrdinalIgnoreCase)) value = -DirtPolicy.MissingValue;
                else return $"is \"{RecordJsonReader.Shorten(text)}\"; expected a number, or null, \"Infinity\", \"NaN\" or \"\" (missing)";
                missing = true;
                return null;
            default:
                var skipped = RecordJsonReader.Describe(reader.TokenType);
                reader.Skip();
                return $"is {skipped}; expected a number{(column.Missing ? " (or null, \"Infinity\", \"NaN\": missing)" : "")}";
        }
    }

    private static string Example(RecordSchema schema) =>
        string.Join(", ", schema.Columns.Take(2).Select(c => c.Name)) + string.Create(CultureInfo.InvariantCulture, $" ({schema.Columns.Count} in all)");
}
