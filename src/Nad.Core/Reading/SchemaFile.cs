using System.Text.Json;
using System.Text.Json.Serialization;
using Nad.Core.IO;
using Nad.Core.Records;

namespace Nad.Core.Reading;

/// <summary>
/// A <see cref="RecordSchema"/> as a JSON file (the format in docs/schemas.md): what <c>--schema my.json</c>
/// reads and <c>nad schema infer</c> writes. Every problem is a <see cref="DataFormatException"/> naming the file.
/// </summary>
public static class SchemaFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>A built-in schema by name, or a schema JSON file.</summary>
    public static RecordSchema Resolve(string nameOrPath) =>
        BuiltInSchemas.Find(nameOrPath) ?? (File.Exists(nameOrPath) || nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? Load(nameOrPath)
            : throw new DataFormatException(new DataError(nameOrPath, 0, null, null, null,
                $"is neither a built-in schema ({string.Join(", ", BuiltInSchemas.Names)}) nor a schema JSON file")));

    public static RecordSchema Load(string path)
    {
        if (!File.Exists(path)) throw new DataFormatException(new DataError(path, 0, null, null, null, "does not exist"));
        var schema = Parse(File.ReadAllText(path), path);
        // A built-in's name would make a model file written with this schema load as the built-in.
        if (BuiltInSchemas.Find(schema.Name) is not null)
            throw Invalid(path, 0, $"names itself '{schema.Name}', a built-in schema's name; give it its own name");
        return schema;
    }

    public static RecordSchema Parse(string json, string source)
    {
        SchemaDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<SchemaDocument>(json, Json);
        }
        catch (JsonException e)
        {
            throw Invalid(source, e.LineNumber is { } line ? line + 1 : 0, $"is not a valid schema file: {e.Message}");
        }
        if (document is null) throw Invalid(source, 0, "is not a valid schema file: it is empty");
        try
        {
            return document.ToSchema();
        }
        catch (ArgumentException e)
        {
            throw Invalid(source, 0, $"is not a valid schema: {e.Message}");
        }
    }

    public static string ToJson(RecordSchema schema) => JsonSerializer.Serialize(SchemaDocument.From(schema), Json);

    public static void Save(RecordSchema schema, string path) => AtomicFile.WriteText(path, writer =>
    {
        writer.Write(ToJson(schema));
        writer.WriteLine();
    });

    private static DataFormatException Invalid(string source, long line, string problem) =>
        new(new DataError(source, line, null, null, null, problem));

    private sealed record SchemaDocument(
        string? Name,
        string? Description,
        ColumnDocument[]? Columns,
        LabelDocument? Label,
        string[]? ConnectionFields,
        string[]? IgnoredColumns)
    {
        public RecordSchema ToSchema()
        {
            if (string.IsNullOrWhiteSpace(Name)) throw new ArgumentException("\"name\" is missing");
            if (Columns is null || Columns.Length == 0) throw new ArgumentException("\"columns\" is missing or empty");
            var columns = Columns.Select((c, i) => string.IsNullOrWhiteSpace(c.Name)
                ? throw new ArgumentException($"column {i + 1} has no \"name\"")
                : new SchemaColumn(c.Name, c.Kind ?? SchemaColumnKind.Numeric, c.Description ?? "") { Missing = c.Missing, AbsentValue = c.AbsentValue }).ToArray();
            LabelSpec? label = null;
            if (Label is { } l)
            {
                if (string.IsNullOrWhiteSpace(l.Column)) throw new ArgumentException("\"label\" has no \"column\"");
                if (l.Normal is null || l.Normal.Length == 0) throw new ArgumentException("\"label\" has no \"normal\" values");
                label = new LabelSpec(l.Column, l.Normal)
                {
                    Families = new Dictionary<string, string>(l.Families ?? [], StringComparer.OrdinalIgnoreCase),
                    BinaryColumn = l.BinaryColumn,
                };
            }
            return new RecordSchema(Name, columns, label, ConnectionFields, IgnoredColumns, Description ?? "");
        }

        public static SchemaDocument From(RecordSchema schema) => new(
            schema.Name,
            schema.Description.Length == 0 ? null : schema.Description,
            [.. schema.Columns.Select(c => new ColumnDocument(c.Name, c.Kind, c.Description.Length == 0 ? null : c.Description, c.Missing, c.AbsentValue))],
            schema.Label is { } l ? new LabelDocument(l.Column, [.. l.NormalValues], l.Families.Count == 0 ? null : l.Families.ToDictionary(), l.BinaryColumn) : null,
            schema.ConnectionFields.Count == 0 ? null : [.. schema.ConnectionFields],
            schema.IgnoredColumns.Count == 0 ? null : [.. schema.IgnoredColumns]);
    }

    private sealed record ColumnDocument(
        string? Name,
        SchemaColumnKind? Kind,
        string? Description,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Missing,
        double? AbsentValue);

    private sealed record LabelDocument(string? Column, string[]? Normal, Dictionary<string, string>? Families, string? BinaryColumn);
}
