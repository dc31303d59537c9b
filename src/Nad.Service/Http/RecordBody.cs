using Nad.Core.Records;
using Nad.Core.Wire;
using Nad.Service.Settings;

namespace Nad.Service.Http;

/// <summary>
/// The records a scoring request sends: a JSON body (<see cref="JsonBody"/>) or, where the route
/// takes batches, a text/csv body of NSL-KDD rows (<see cref="CsvBody"/>), both under
/// <see cref="NadServiceOptions.MaxJsonBodyBytes"/> and <see cref="NadServiceOptions.MaxBatchRecords"/>.
/// Otherwise the problem to answer: 415 (content type), 413 (size), 400 naming every bad field.
/// </summary>
public static class RecordBody
{
    /// <param name="schema">The serving model's schema: records of any schema but NSL-KDD are read by its column names
    /// (<see cref="SchemaRecordJsonReader"/>, CSV with a header); null or NSL-KDD: the NSL-KDD fast path.</param>
    public static Task<(ParsedRecords? Records, IResult? Problem)> ReadAsync(HttpContext context, NadServiceOptions options, bool allowCsv = false, RecordSchema? schema = null)
    {
        var other = schema is { IsNslKdd: false } ? schema : null;
        var contentType = context.Request.ContentType;
        var csv = allowCsv && CsvBody.IsCsv(contentType);
        if (!csv && !JsonBody.IsJson(contentType))
            return Task.FromResult<(ParsedRecords?, IResult?)>((null, ApiProblems.UnsupportedMediaType(contentType, allowCsv ? "application/json or text/csv (UTF-8)" : "application/json (UTF-8)")));
        return RequestBody.ReadAsync<ParsedRecords>(context, options.MaxJsonBodyBytes, body =>
        {
            var errors = new FieldErrors(options.MaxErrorsListed);
            var parsed = (csv, other) switch
            {
                (true, null) => CsvBody.Parse(body, options.MaxBatchRecords, errors),
                (true, { } s) => CsvBody.Parse(body, s, options.MaxBatchRecords, errors),
                (false, null) => JsonBody.Parse(body, options.MaxBatchRecords, errors),
                (false, { } s) => JsonBody.Parse(body, s, options.MaxBatchRecords, errors),
            };
            return parsed is null ? (null, ApiProblems.Invalid(errors)) : (parsed, null);
        });
    }
}
