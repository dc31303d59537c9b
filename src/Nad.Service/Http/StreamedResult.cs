using System.Text.Json;

namespace Nad.Service.Http;

/// <summary>An answer written as it is produced (the streamed upload routes).</summary>
internal sealed class StreamedResult(string contentType, Func<HttpResponse, Task> write) : IResult
{
    /// <summary>The service's JSON settings, for the JSON these routes serialize themselves.</summary>
    public static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        NadService.ConfigureJson(json);
        return json;
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = contentType;
        return write(httpContext.Response);
    }
}
