using Nad.Core.Records;

namespace Nad.Alerts;

/// <summary>
/// A record's categorical values by column name, for what the alert side names across schemas: the service
/// (NSL-KDD's, UNSW-NB15's <c>service</c> column; null for a schema without one, such as CIC-IDS2017).
/// </summary>
public static class RecordCategories
{
    public const string ServiceColumn = "service";

    /// <summary>The record's service, or null when its schema has no categorical column of that name.</summary>
    public static string? Service(ConnectionRecord record) => record.Schema.IsNslKdd ? record.Service : Get(record, ServiceColumn);

    /// <summary>The value of the record's categorical column named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static string? Get(ConnectionRecord record, string name) =>
        IndexOf(record.Schema, name) is var i and >= 0 ? record.Categorical(i) : null;

    /// <summary>The position among <paramref name="schema"/>'s categorical columns of the one named <paramref name="name"/>, or -1.</summary>
    public static int IndexOf(RecordSchema schema, string name)
    {
        var columns = schema.CategoricalColumns;
        for (var i = 0; i < columns.Count; i++)
            if (string.Equals(columns[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}
