using System.Text.Json;
using System.Text.Json.Serialization;
using Nad.Core.Wire;

namespace Nad.Service.Http;

/// <summary>
/// The service's JSON settings, one definition for the HTTP answers and for the JSON the streamed
/// routes serialize themselves: nulls left out, NaN written as null, enums as text, records in their wire shape.
/// </summary>
public static class ServiceJson
{
    /// <summary>The settings, ready made (web defaults plus <see cref="Configure"/>).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    public static void Configure(JsonSerializerOptions json)
    {
        json.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        json.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        json.Converters.Add(new JsonStringEnumConverter());
        json.Converters.Add(new ConnectionRecordJsonConverter());
        json.Converters.Add(new NonFiniteAsNullConverter());
    }

    private static JsonSerializerOptions Create()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(json);
        return json;
    }
}
