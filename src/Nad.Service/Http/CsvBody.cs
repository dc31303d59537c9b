using System.Buffers;
using System.Text;
using Microsoft.Net.Http.Headers;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Wire;

namespace Nad.Service.Http;

/// <summary>
/// The text/csv body of records (the batch routes): NSL-KDD rows (41 columns, or 42-43 with the
/// label and difficulty, which are ignored; a header line is optional) read through
/// <see cref="NslKddReader"/>, which validates every value as a file upload is validated. A seventh
/// of the JSON's bytes and about a third of its parse time (docs/benchmarks.md). Always a batch: the answer is an array.
/// </summary>
public static class CsvBody
{
    public const string MediaType = "text/csv";

    public static bool IsCsv(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase)
        && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>The records of <paramref name="body"/>, or null with every problem in <paramref name="errors"/> (keyed "line N (column)").</summary>
    public static ParsedRecords? Parse(ReadOnlySequence<byte> body, int maxRecords, FieldErrors errors) =>
        RequestBody.InOneBuffer(body, (copy, length) => Parse(copy, length, maxRecords, errors));

    /// <summary>
    /// Rows of <paramref name="schema"/> (not NSL-KDD): a header line is required, read as a file of that schema
    /// (<see cref="RecordReader"/>: columns by name, every missing and extra column named, the same dirt policies).
    /// </summary>
    public static ParsedRecords? Parse(ReadOnlySequence<byte> body, RecordSchema schema, int maxRecords, FieldErrors errors) =>
        RequestBody.InOneBuffer(body, (copy, length) =>
        {
            try
            {
                var data = RecordReader.Read(schema, new MemoryStream(copy, 0, length, writable: false), "body", new ReadOptions { MaxErrorsListed = 10 }, out _);
                if (data.Count > maxRecords)
                {
                    errors.Add("$", $"the batch has more than {maxRecords} records; send at most {maxRecords} per request (or use /api/v1/score-file)");
                    return null;
                }
                if (data.Count == 0)
                {
                    errors.Add("$", $"the batch is empty; send a header line and at least one row of schema '{schema.Name}'");
                    return null;
                }
                return new ParsedRecords(data.Records, IsBatch: true);
            }
            catch (DataFormatException e)
            {
                Add(e, errors);
                return null;
            }
            catch (Exception e) when (e is InvalidDataException or DecoderFallbackException)
            {
                errors.Add("$", e.Message);
                return null;
            }
        });

    private static ParsedRecords? Parse(byte[] body, int length, int maxRecords, FieldErrors errors)
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
            Add(e, errors);
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

    private static void Add(DataFormatException e, FieldErrors errors)
    {
        foreach (var error in e.Errors)
        {
            // "line 3 (srcbytes)": the line of the body, counted from 1 (a header line counts), and the column.
            var where = error.Line > 0 ? $"line {error.Line}" : "$";
            if (error.ColumnName is { } column) where += $" ({column})";
            else if (error.Column is { } index) where += $" (column {index})";
            errors.Add(where, error.Value is null ? error.Problem : $"'{error.Value}' {error.Problem}");
        }
    }
}
