using System.Text.Json;

namespace Nad.Service.Http;

/// <summary>Reads a small JSON request object (an admin call's settings, not records): a body that is not JSON of that shape is a 400 naming where it broke.</summary>
public static class JsonRequest
{
    public const long MaxBytes = 64 * 1024;

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context) where T : class
    {
        if (!JsonBody.IsJson(context.Request.ContentType))
            return (null, ApiProblems.UnsupportedMediaType(context.Request.ContentType, "application/json"));
        if (context.Request.ContentLength > MaxBytes) return (null, ApiProblems.TooLarge(MaxBytes));
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, ServiceJson.Options, context.RequestAborted);
            return value is null ? (null, ApiProblems.BadBody("The body is JSON null; expected an object.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, ApiProblems.BadBody($"The body is not a valid JSON object of this request: {e.Message}"));
        }
    }
}
