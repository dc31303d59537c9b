using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Nad.Core.Records;
using SQLitePCL;

namespace Nad.Service.Alerts;

/// <summary>
/// Alerts in one SQLite file, WAL mode: readers never block the single writer (the
/// <see cref="AlertWriter"/>), and each batch is one transaction. Times are Unix milliseconds.
/// The connection columns (start, hosts, ports) are nullable and were added after the first
/// release: <see cref="InitializeAsync"/> adds them to an older file with ALTER TABLE ADD COLUMN,
/// which keeps every stored row (they read back with no connection).
/// Each row is a few B-tree inserts, so the schema keeps only what a query needs: the rowid (no
/// AUTOINCREMENT, whose sqlite_sequence update cost a second write per row; rows are never
/// deleted, so ids still only grow) and one index on time (time filters, the dashboard's windows).
/// The label filter has two values and pages walk ids newest first, so its index is dropped
/// (old files lose it on start). Records are <see cref="RecordBlob"/>s; older text rows still read.
/// </summary>
public sealed class SqliteAlertStore : IAlertStore, IDisposable
{
    private readonly string _connectionString;

    public SqliteAlertStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS alerts (
                id INTEGER PRIMARY KEY,
                time_ms INTEGER NOT NULL,
                endpoint TEXT NOT NULL,
                label TEXT NOT NULL,
                family TEXT,
                supervised_model TEXT,
                supervised_version TEXT,
                attack_probability REAL,
                unsupervised_model TEXT,
                unsupervised_version TEXT,
                anomaly_score REAL,
                record TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS alerts_time ON alerts (time_ms);
            DROP INDEX IF EXISTS alerts_label_time;
            """, cancellationToken);
        await AddMissingColumnsAsync(connection, cancellationToken);
    }

    /// <summary>Columns added after the first schema, each nullable (name, SQL type).</summary>
    private static readonly (string Name, string Type)[] LaterColumns =
        [("start_ms", "INTEGER"), ("src_addr", "TEXT"), ("src_port", "INTEGER"), ("dst_addr", "TEXT"), ("dst_port", "INTEGER")];

    private static async Task AddMissingColumnsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('alerts')";
            await using var reader = await info.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) existing.Add(reader.GetString(0));
        }
        foreach (var (name, type) in LaterColumns.Where(c => !existing.Contains(c.Name)))
            await ExecuteAsync(connection, $"ALTER TABLE alerts ADD COLUMN {name} {type}", cancellationToken);
    }

    public async Task AppendAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        if (alerts.Count == 0) return;
        await using var connection = await OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction();
        Insert(connection.Handle!, alerts);
        transaction.Commit();
    }

    // One prepared statement for the batch, bound through SQLitePCL.raw (the library under Microsoft.Data.Sqlite):
    // no parameter objects, boxing or UTF-8 copies per row, which cost more than SQLite's own work (docs/benchmarks.md).
    private static void Insert(sqlite3 db, IReadOnlyList<Alert> alerts)
    {
        Check(db, raw.sqlite3_prepare_v2(db, """
            INSERT INTO alerts (time_ms, endpoint, label, family, supervised_model, supervised_version, attack_probability,
                                unsupervised_model, unsupervised_version, anomaly_score, record,
                                start_ms, src_addr, src_port, dst_addr, dst_port)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
            """, out var insert));
        using (insert)
        {
            var blob = new byte[4096];
            foreach (var alert in alerts)
            {
                var record = alert.Record ?? throw new ArgumentException($"Alert {alert.Id} has no record to store.", nameof(alerts));
                var needed = RecordBlob.MaxLength(record);
                if (blob.Length < needed) blob = new byte[needed];
                Check(db, raw.sqlite3_bind_int64(insert, 1, alert.TimeUtc.ToUnixTimeMilliseconds()));
                Check(db, raw.sqlite3_bind_text16(insert, 2, alert.Endpoint));
                Check(db, raw.sqlite3_bind_text16(insert, 3, alert.Label));
                BindText(db, insert, 4, alert.Family);
                BindText(db, insert, 5, alert.SupervisedModel);
                BindText(db, insert, 6, alert.SupervisedVersion);
                BindReal(db, insert, 7, alert.AttackProbability);
                BindText(db, insert, 8, alert.UnsupervisedModel);
                BindText(db, insert, 9, alert.UnsupervisedVersion);
                BindReal(db, insert, 10, alert.AnomalyScore);
                Check(db, RecordBlob.TryWrite(record, blob, out var length)
                    ? raw.sqlite3_bind_blob(insert, 11, blob.AsSpan(0, length))
                    : raw.sqlite3_bind_text16(insert, 11, StoredRecord.Write(record))); // a category with a zero character
                var c = alert.Connection;
                BindInteger(db, insert, 12, c?.StartTime.ToUnixTimeMilliseconds());
                BindText(db, insert, 13, c?.SourceAddress.ToString());
                BindInteger(db, insert, 14, c?.SourcePort);
                BindText(db, insert, 15, c?.DestinationAddress.ToString());
                BindInteger(db, insert, 16, c?.DestinationPort);
                var step = raw.sqlite3_step(insert);
                if (step != raw.SQLITE_DONE) Check(db, step);
                Check(db, raw.sqlite3_reset(insert));
            }
        }
    }

    private static void BindText(sqlite3 db, sqlite3_stmt statement, int index, string? value) =>
        Check(db, value is null ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_text16(statement, index, value));

    private static void BindInteger(sqlite3 db, sqlite3_stmt statement, int index, long? value) =>
        Check(db, value is { } v ? raw.sqlite3_bind_int64(statement, index, v) : raw.sqlite3_bind_null(statement, index));

    private static void BindReal(sqlite3 db, sqlite3_stmt statement, int index, double? value) =>
        Check(db, value is { } v ? raw.sqlite3_bind_double(statement, index, v) : raw.sqlite3_bind_null(statement, index));

    private static void Check(sqlite3 db, int result)
    {
        if (result != raw.SQLITE_OK) throw new SqliteException($"SQLite error {result}: {raw.sqlite3_errmsg(db).utf8_to_string()}", result);
    }

    public async Task<AlertPage> QueryAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = new StringBuilder("WHERE 1 = 1");
        if (query.From is { } from) Filter("time_ms >= $from", "$from", from.ToUnixTimeMilliseconds());
        if (query.To is { } to) Filter("time_ms < $to", "$to", to.ToUnixTimeMilliseconds());
        if (query.Label is { } label) Filter("label = $label", "$label", label);
        if (query.Family is { } family) Filter("family = $family COLLATE NOCASE", "$family", family);
        if (query.Model is { } model) Filter("(supervised_model = $model OR unsupervised_model = $model)", "$model", model);

        command.CommandText = $"SELECT COUNT(*) FROM alerts {where}";
        var total = (long)(await command.ExecuteScalarAsync(cancellationToken))!;

        command.CommandText = $"""
            SELECT id, time_ms, endpoint, label, family, supervised_model, supervised_version, attack_probability,
                   unsupervised_model, unsupervised_version, anomaly_score, record,
                   start_ms, src_addr, src_port, dst_addr, dst_port
            FROM alerts {where} ORDER BY id DESC LIMIT $limit OFFSET $offset
            """;
        command.Parameters.AddWithValue("$limit", query.PageSize);
        command.Parameters.AddWithValue("$offset", (long)(query.Page - 1) * query.PageSize);
        var items = new List<Alert>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (record, problem) = ReadRecord(reader);
            items.Add(new Alert(
                reader.GetInt64(0),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetDouble(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetDouble(10),
                record,
                ReadConnection(reader),
                problem));
        }
        return new AlertPage(items, query.Page, query.PageSize, total);

        void Filter(string condition, string name, object value)
        {
            where.Append(" AND ").Append(condition);
            command.Parameters.AddWithValue(name, value);
        }
    }

    // The connection columns as they were stored (addresses as text); an alert without them, or whose addresses do
    // not read (only a hand-edited or damaged row), comes back without a connection.
    private static ConnectionEndpoints? ReadConnection(SqliteDataReader reader) =>
        !reader.IsDBNull(13) && HostAddress.TryParse(reader.GetString(13), out var source)
        && !reader.IsDBNull(15) && HostAddress.TryParse(reader.GetString(15), out var destination)
            ? new ConnectionEndpoints(DateTimeOffset.FromUnixTimeMilliseconds(reader.IsDBNull(12) ? 0 : reader.GetInt64(12)),
                source, reader.IsDBNull(14) ? 0 : reader.GetInt32(14), destination, reader.IsDBNull(16) ? 0 : reader.GetInt32(16))
            : null;

    // A stored record that does not read (a damaged file, a hand edit) must not fail the page: that alert comes
    // back without its record and says why, the others as usual.
    private static (ConnectionRecord? Record, string? Problem) ReadRecord(SqliteDataReader reader)
    {
        const int column = 11;
        try
        {
            return (reader.GetFieldType(column) == typeof(byte[])
                ? RecordBlob.Read(reader.GetFieldValue<byte[]>(column))
                : StoredRecord.Read(reader.GetString(column)), null);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidCastException)
        {
            return (null, "The stored record could not be read: " + e.Message);
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // Per connection: with WAL, NORMAL survives a process crash (not a power cut) and commits much faster than FULL.
        await ExecuteAsync(connection, "PRAGMA synchronous = NORMAL;", cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Closes pooled connections so the file can be moved or deleted.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
