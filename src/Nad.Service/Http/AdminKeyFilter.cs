using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Nad.Service.Settings;

namespace Nad.Service.Http;

/// <summary>
/// Guards admin endpoints with the <c>X-Api-Key</c> header against <see cref="NadServiceOptions.AdminApiKey"/>.
/// Both sides are hashed first, so the comparison is constant-time and does not leak the key's length.
/// </summary>
public sealed class AdminKeyFilter(IOptions<NadServiceOptions> options) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = options.Value.AdminApiKey;
        if (string.IsNullOrEmpty(expected))
            return ValueTask.FromResult<object?>(TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Admin calls are disabled",
                detail: "No admin API key is configured (set Nad:AdminApiKey, e.g. the environment variable Nad__AdminApiKey)."));
        var given = context.HttpContext.Request.Headers[Header].ToString();
        if (!Matches(given, expected))
            return ValueTask.FromResult<object?>(TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Missing or wrong API key",
                detail: $"Admin calls need the configured key in the {Header} header."));
        return next(context);
    }

    public static bool Matches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
