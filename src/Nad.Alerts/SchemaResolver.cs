using Nad.Core.Records;

namespace Nad.Alerts;

/// <summary>
/// Finds the schema a stored record names (<see cref="RecordBlob.SchemaFormat"/>): the built-in schemas, then
/// <paramref name="others"/> (the service passes the schemas of its loaded models, so an alert of a custom-schema
/// model reads while a model of that schema is loaded). A name found nowhere gives null: that alert reads
/// with a <see cref="Alert.RecordProblem"/> naming the schema, and its row is kept as it was.
/// </summary>
public sealed class SchemaResolver(Func<string, RecordSchema?>? others = null)
{
    /// <summary>The built-in schemas only.</summary>
    public static SchemaResolver BuiltIn { get; } = new();

    public RecordSchema? Find(string name)
    {
        if (BuiltInSchemas.Find(name) is { } builtIn && builtIn.Name == name) return builtIn;
        return others?.Invoke(name) is { } other && other.Name == name ? other : null;
    }
}
