using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nad.Service.Http;

/// <summary>
/// Writes NaN and infinity as JSON null. A metric can be undefined (ROC-AUC of a model whose
/// held-out rows were all normal), and the literal NaN is not JSON: browsers' JSON.parse and
/// most clients reject the whole document. Reads numbers, null (as NaN) and the named literals.
/// </summary>
public sealed class NonFiniteAsNullConverter : JsonConverter<double>
{
    public override bool HandleNull => true;

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.GetDouble(),
        JsonTokenType.Null => double.NaN,
        JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw new JsonException($"Expected a number, got {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }
}
