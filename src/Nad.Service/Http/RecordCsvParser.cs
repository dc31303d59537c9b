using System.Text;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Wire;

namespace Nad.Service.Http;

/// <summary>
/// Reads a text/csv batch body: NSL-KDD rows (41 columns, or 42-43 with the label and difficulty,
/// which are ignored; a header line is optional) through <see cref="NslKddReader"/>, which
/// validates every value as a file upload is validated. A seventh of the JSON's bytes and about a
/// third of its parse time (docs/benchmarks.md). Always a batch: the answer is an array.
/// </summary>
public static class RecordCsvParser
{
    public const string MediaType = "text/csv";

    public static ParsedRecords? Parse(byte[] body, int length, int maxRecords, FieldErrors errors)
    {
        var records = new List<ConnectionRecord>();
        try
        {
            foreach (var row in NslKddReader.ReadRows(new MemoryStream(body, 0, length, writable: false), "body", new ReadOptions { MaxErrorsListed = 10 }))
            {
                if (records.Count == maxRecords)
                {
                    errors.Add("$", $"the batch has more than {maxRecords} records; send at most {maxRecords} per request (or use /api/v1/score-file)");
                    return null;
                }
                foreach (var column in NslKddSchema.CategoricalColumns) // as strict as the JSON records
                    if (row.Record.Categorical(column.ValueIndex).Length > RecordJsonReader.MaxCategoryLength)
                        errors.Add($"line {row.Line} ({column.Name})", $"is longer than {RecordJsonReader.MaxCategoryLength} characters");
                records.Add(row.Record);
            }
        }
        catch (DataFormatException e)
        {
            foreach (var error in e.Errors)
            {
                // "line 3 (srcbytes)": the line of the body, counted from 1 (a header line counts), and the column.
                var where = error.Line > 0 ? $"line {error.Line}" : "$";
                if (error.ColumnName is { } column) where += $" ({column})";
                else if (error.Column is { } index) where += $" (column {index})";
                errors.Add(where, error.Value is null ? error.Problem : $"'{error.Value}' {error.Problem}");
            }
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or DecoderFallbackException)
        {
            errors.Add("$", e.Message);
            return null;
        }
        if (errors.Any) return null;
        if (records.Count == 0)
        {
            errors.Add("$", "the batch is empty; send at least one NSL-KDD row");
            return null;
        }
        return new ParsedRecords(records, IsBatch: true);
    }
}
