using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Nad.Core.Wire;
using Nad.Service.Settings;

namespace Nad.Service.Http;

/// <summary>
/// Reads a JSON request body of connection records with the service's limits: JSON content type
/// (else 415), at most <see cref="NadServiceOptions.MaxJsonBodyBytes"/> (else 413), parsed from one
/// contiguous buffer, strictly (else 400 naming every bad field).
/// </summary>
public static class JsonBody
{
    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true)
        && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    public static bool IsCsv(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals(RecordCsvParser.MediaType, StringComparison.OrdinalIgnoreCase)
        && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>The records, or the problem answer to give instead. With <paramref name="allowCsv"/> (the batch routes) a
    /// text/csv body of NSL-KDD rows is read too (<see cref="RecordCsvParser"/>), under the same size limit.</summary>
    public static async Task<(ParsedRecords? Records, IResult? Problem)> ReadRecordsAsync(HttpContext context, NadServiceOptions options, bool allowCsv = false)
    {
        var request = context.Request;
        var csv = allowCsv && IsCsv(request.ContentType);
        if (!csv && !IsJson(request.ContentType))
            return (null, ApiProblems.UnsupportedMediaType(request.ContentType, allowCsv ? "application/json or text/csv (UTF-8)" : "application/json (UTF-8)"));
        var limit = options.MaxJsonBodyBytes;
        if (request.ContentLength > limit) return (null, ApiProblems.TooLarge(limit));
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            sizeFeature.MaxRequestBodySize = limit + 1;

        var pipe = request.BodyReader;
        try
        {
            while (true)
            {
                var read = await pipe.ReadAsync(context.RequestAborted);
                var buffer = read.Buffer;
                if (buffer.Length > limit)
                {
                    pipe.AdvanceTo(buffer.End);
                    return (null, ApiProblems.TooLarge(limit));
                }
                if (read.IsCompleted || read.IsCanceled)
                {
                    var errors = new FieldErrors(options.MaxErrorsListed);
                    var parsed = csv ? ParseCsv(buffer, options.MaxBatchRecords, errors) : Parse(buffer, options.MaxBatchRecords, errors);
                    pipe.AdvanceTo(buffer.End);
                    return parsed is null ? (null, ApiProblems.Invalid(errors)) : (parsed, null);
                }
                pipe.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ApiProblems.TooLarge(limit));
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException or InvalidOperationException)
        {
            return (null, ApiProblems.BadBody(e.Message));
        }
    }

    /// <summary>
    /// A body bigger than one pipe segment (4 KB) is copied into one pooled buffer first: the reader
    /// is about 10% faster on one span than across segments, and the copy costs far less (docs/benchmarks.md).
    /// </summary>
    internal static ParsedRecords? Parse(ReadOnlySequence<byte> body, int maxRecords, FieldErrors errors) =>
        body.IsSingleSegment
            ? RecordJsonReader.Parse(body, maxRecords, errors)
            : InOneBuffer(body, (copy, length) => RecordJsonReader.Parse(new ReadOnlySequence<byte>(copy, 0, length), maxRecords, errors));

    private static ParsedRecords? ParseCsv(ReadOnlySequence<byte> body, int maxRecords, FieldErrors errors) =>
        InOneBuffer(body, (copy, length) => RecordCsvParser.Parse(copy, length, maxRecords, errors));

    /// <summary>Runs <paramref name="parse"/> on a pooled copy of <paramref name="body"/> (its first <c>length</c> bytes), returned afterwards.</summary>
    private static ParsedRecords? InOneBuffer(ReadOnlySequence<byte> body, Func<byte[], int, ParsedRecords?> parse)
    {
        var length = (int)body.Length; // at most MaxJsonBodyBytes (1 GB), checked by the caller
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(copy);
            return parse(copy, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>One result for one record, an array for an array.</summary>
    public static IResult Answer<T>(ParsedRecords parsed, T[] results) =>
        parsed.IsBatch ? TypedResults.Ok(results) : TypedResults.Ok(results[0]);
}
