using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nad.Core.Detectors;

/// <summary>
/// How model state is written as JSON: encoders inside ensemble payloads, and the manifest,
/// encoder and baseline entries of a model file. One set of options, so both write the same bytes.
/// </summary>
public static class ModelJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };
}
