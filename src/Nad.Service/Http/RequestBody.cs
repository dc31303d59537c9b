using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace Nad.Service.Http;

/// <summary>
/// A whole request body under a size limit: 413 early when Content-Length says it is over, the
/// server's own limit set just above it, then the body awaited in the request pipe until complete
/// (413 when it grows past the limit) and handed to the caller's parse as the pipe holds it. A body
/// that cannot be read (the client went away mid-body) is a 400.
/// </summary>
public static class RequestBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context, long limit, Func<ReadOnlySequence<byte>, (T? Value, IResult? Problem)> parse)
        where T : class
    {
        var request = context.Request;
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
                    var result = parse(buffer);
                    pipe.AdvanceTo(buffer.End);
                    return result;
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

    /// <summary>Runs <paramref name="use"/> on a pooled copy of <paramref name="body"/> (its first <c>length</c> bytes), returned afterwards.</summary>
    public static T InOneBuffer<T>(ReadOnlySequence<byte> body, Func<byte[], int, T> use)
    {
        var length = (int)body.Length; // at most the body limit (1 GB at most), checked by the caller
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(copy);
            return use(copy, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }
}
