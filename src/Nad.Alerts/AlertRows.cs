using System.Data.Common;
using System.Text;
using System.Text.Json;
using Nad.Core.Records;

namespace Nad.Alerts;

/// <summary>
/// The alert columns both stores select, in one order, and how a row becomes an <see cref="Alert"/>.
/// A stored record that does not read (a damaged row, a hand edit) must not fail the page: that alert
/// comes back without its record and says why. A record is a <see cref="RecordBlob"/>, or the
/// <see cref="StoredRecord"/> text (as text, or as its UTF-8 bytes where the column holds bytes); a blob of another
/// schema than NSL-KDD is read with its schema found by the store's <see cref="SchemaResolver"/>.
/// </summary>
internal static class AlertRows
{
    public const string Columns = """
        id, time_ms, endpoint, label, family, supervised_model, supervised_version, attack_probability,
        unsupervised_model, unsupervised_version, anomaly_score, record,
        start_ms, src_addr, src_port, dst_addr, dst_port, record_id,
        feedback_verdict, feedback_analyst, feedback_note, feedback_ms
        """;

    public static Alert Read(DbDataReader reader, SchemaResolver schemas)
    {
        var (record, problem) = ReadRecord(reader, schemas);
        return new Alert(
            reader.GetInt64(0),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
            reader.GetString(2),
            reader.GetString(3),
            Text(reader, 4),
            Text(reader, 5),
            Text(reader, 6),
            reader.IsDBNull(7) ? null : reader.GetDouble(7),
            Text(reader, 8),
            Text(reader, 9),
            reader.IsDBNull(10) ? null : reader.GetDouble(10),
            record,
            ReadConnection(reader),
            problem,
            Text(reader, 17),
            ReadFeedback(reader));
    }

    private static AlertFeedback? ReadFeedback(DbDataReader reader) =>
        reader.IsDBNull(18) ? null
            : new AlertFeedback(reader.GetString(18), Text(reader, 19) ?? "", Text(reader, 20),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.IsDBNull(21) ? 0 : reader.GetInt64(21)));

    private static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    // The connection columns as they were stored (addresses as text); an alert without them, or whose addresses do
    // not read (only a hand-edited or damaged row), comes back without a connection.
    private static ConnectionEndpoints? ReadConnection(DbDataReader reader) =>
        !reader.IsDBNull(13) && HostAddress.TryParse(reader.GetString(13), out var source)
        && !reader.IsDBNull(15) && HostAddress.TryParse(reader.GetString(15), out var destination)
            ? new ConnectionEndpoints(DateTimeOffset.FromUnixTimeMilliseconds(reader.IsDBNull(12) ? 0 : reader.GetInt64(12)),
                source, reader.IsDBNull(14) ? 0 : reader.GetInt32(14), destination, reader.IsDBNull(16) ? 0 : reader.GetInt32(16))
            : null;

    private static (ConnectionRecord? Record, string? Problem) ReadRecord(DbDataReader reader, SchemaResolver schemas)
    {
        const int column = 11;
        try
        {
            if (reader.GetFieldType(column) != typeof(byte[])) return (StoredRecord.Read(reader.GetString(column)), null);
            var bytes = reader.GetFieldValue<byte[]>(column);
            return (bytes is [RecordBlob.Format or RecordBlob.SchemaFormat, ..] ? RecordBlob.Read(bytes, schemas) : StoredRecord.Read(Encoding.UTF8.GetString(bytes)), null);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidCastException)
        {
            return (null, "The stored record could not be read: " + e.Message);
        }
    }
}
