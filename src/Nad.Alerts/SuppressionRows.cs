using System.Data.Common;

namespace Nad.Alerts;

/// <summary>The suppression columns both stores select, in one order, and how a row becomes a <see cref="SuppressionRule"/>.</summary>
internal static class SuppressionRows
{
    public const string Columns = "id, host, cidr, port, service, model, expires_ms, created_ms, created_by, note, suppressed";

    public static SuppressionRule Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        Text(reader, 1),
        Text(reader, 2),
        reader.IsDBNull(3) ? null : reader.GetInt32(3),
        Text(reader, 4),
        Text(reader, 5),
        reader.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
        reader.GetString(8),
        Text(reader, 9),
        reader.GetInt64(10));

    private static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
