using Nad.Core.Records;

namespace Nad.Core.Reading;

/// <summary>
/// How a file's columns (or an API record's fields) fit a schema: every feature column that is
/// missing and every column the schema does not know, named, so one message says all that is wrong.
/// </summary>
public sealed record SchemaFit(RecordSchema Schema, IReadOnlyList<string> Missing, IReadOnlyList<string> Extra)
{
    public bool Fits => Missing.Count == 0 && Extra.Count == 0;

    /// <summary>Checks header (or field) names against <paramref name="schema"/>, case-insensitively and trimmed.</summary>
    public static SchemaFit Check(RecordSchema schema, IEnumerable<string> names)
    {
        var given = new HashSet<string>(names.Select(n => n.Trim()), StringComparer.OrdinalIgnoreCase);
        var known = new HashSet<string>(schema.Columns.Select(c => c.Name).Concat(schema.NonFeatureNames), StringComparer.OrdinalIgnoreCase);
        return new SchemaFit(
            schema,
            [.. schema.Columns.Select(c => c.Name).Where(n => !given.Contains(n))],
            [.. given.Where(n => !known.Contains(n)).Order(StringComparer.Ordinal)]);
    }

    /// <summary>"is missing 2 columns of schema 'x' (a, b) and has 1 it does not know (c)".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Missing.Count > 0)
            parts.Add($"is missing {Missing.Count} column(s) of schema '{Schema.Name}' ({List(Missing)})");
        if (Extra.Count > 0)
            parts.Add($"has {Extra.Count} column(s) that schema '{Schema.Name}' does not know ({List(Extra)})");
        return parts.Count == 0 ? $"fits schema '{Schema.Name}'" : string.Join(" and ", parts);
    }

    private static string List(IReadOnlyList<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
