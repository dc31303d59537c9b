using System.Text;
using Microsoft.Data.Sqlite;
using Nad.Service.Scoring;

namespace Nad.Service.Alerts;

/// <summary>
/// Alerts in one SQLite file, WAL mode: readers never block the single writer (the
/// <see cref="AlertWriter"/>), and each batch is one transaction. Times are Unix milliseconds.
/// The connection columns (start, hosts, ports) are nullable and were added after the first
/// release: <see cref="InitializeAsync"/> adds them to an older file with ALTER TABLE ADD COLUMN,
/// which keeps every stored row (they read back with no connection).
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
                id INTEGER PRIMARY KEY AUTOINCREMENT,
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
            CREATE INDEX IF NOT EXISTS alerts_label_time ON alerts (label, time_ms);
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
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO alerts (time_ms, endpoint, label, family, supervised_model, supervised_version, attack_probability,
                                unsupervised_model, unsupervised_version, anomaly_score, record,
                                start_ms, src_addr, src_port, dst_addr, dst_port)
            VALUES ($time, $endpoint, $label, $family, $smodel, $sversion, $probability, $umodel, $uversion, $score, $record,
                    $start, $saddr, $sport, $daddr, $dport)
            """;
        var p = new[] { "$time", "$endpoint", "$label", "$family", "$smodel", "$sversion", "$probability", "$umodel", "$uversion", "$score", "$record",
                        "$start", "$saddr", "$sport", "$daddr", "$dport" }
            .Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        insert.Prepare();
        foreach (var alert in alerts)
        {
            p[0].Value = alert.TimeUtc.ToUnixTimeMilliseconds();
            p[1].Value = alert.Endpoint;
            p[2].Value = alert.Label;
            p[3].Value = (object?)alert.Family ?? DBNull.Value;
            p[4].Value = (object?)alert.SupervisedModel ?? DBNull.Value;
            p[5].Value = (object?)alert.SupervisedVersion ?? DBNull.Value;
            p[6].Value = (object?)alert.AttackProbability ?? DBNull.Value;
            p[7].Value = (object?)alert.UnsupervisedModel ?? DBNull.Value;
            p[8].Value = (object?)alert.UnsupervisedVersion ?? DBNull.Value;
            p[9].Value = (object?)alert.AnomalyScore ?? DBNull.Value;
            p[10].Value = ConnectionRecordJsonConverter.ToJson(alert.Record);
            var c = alert.Connection;
            p[11].Value = (object?)c?.StartTime.ToUnixTimeMilliseconds() ?? DBNull.Value;
            p[12].Value = (object?)c?.SourceAddress ?? DBNull.Value;
            p[13].Value = (object?)c?.SourcePort ?? DBNull.Value;
            p[14].Value = (object?)c?.DestinationAddress ?? DBNull.Value;
            p[15].Value = (object?)c?.DestinationPort ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
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
                ConnectionRecordJsonConverter.Parse(Encoding.UTF8.GetBytes(reader.GetString(11))),
                reader.IsDBNull(13) ? null : new AlertConnection(
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.IsDBNull(12) ? 0 : reader.GetInt64(12)),
                    reader.GetString(13), reader.IsDBNull(14) ? 0 : reader.GetInt32(14),
                    reader.IsDBNull(15) ? "" : reader.GetString(15), reader.IsDBNull(16) ? 0 : reader.GetInt32(16))));
        return new AlertPage(items, query.Page, query.PageSize, total);

        void Filter(string condition, string name, object value)
        {
            where.Append(" AND ").Append(condition);
            command.Parameters.AddWithValue(name, value);
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
