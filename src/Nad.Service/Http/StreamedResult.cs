namespace Nad.Service.Http;

/// <summary>An answer written as it is produced (the streamed upload routes).</summary>
internal sealed class StreamedResult(string contentType, Func<HttpResponse, Task> write) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = contentType;
        return write(httpContext.Response);
    }
}
