using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Nad.Core.Records;
using SQLitePCL;

namespace Nad.Alerts.Sqlite;

/// <summary>
/// Alerts in one SQLite file, WAL mode: readers never block the single writer (the service's
/// AlertWriter or one scoring worker), and each batch is one transaction. Times are Unix milliseconds.
/// The schema is brought up to date by <see cref="SqliteMigrations"/> (older files keep every row).
/// Rows are inserted with OR IGNORE on the unique record id, so a batch written twice stores once.
/// Each row is a few B-tree inserts, so the schema keeps only what a query needs: the rowid (no
/// AUTOINCREMENT, whose sqlite_sequence update cost a second write per row; rows are never
/// deleted, so ids still only grow) and one index on time (time filters, the dashboard's windows).
/// The label filter has two values and pages walk ids newest first, so its index is dropped
/// (old files lose it on start). Records are <see cref="RecordBlob"/>s; older text rows still read.
/// </summary>
public sealed class SqliteAlertStore : IAlertStore, IDisposable
{
    private readonly string _connectionString;
    private readonly SchemaResolver _schemas;

    /// <param name="schemas">Finds the schema of a stored record of another schema than NSL-KDD (default: the built-in ones).</param>
    public SqliteAlertStore(string path, SchemaResolver? schemas = null)
    {
        _schemas = schemas ?? SchemaResolver.BuiltIn;
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

    public string Description => Path;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);
        await SqliteMigrations.ApplyAsync(connection, cancellationToken);
    }

    public async Task AppendAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        if (alerts.Count == 0) return;
        await using var connection = await OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction();
        Insert(connection.Handle!, alerts);
        transaction.Commit();
    }

    public async Task AppendAsync(IReadOnlyList<Verdict> verdicts, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        if (verdicts.Count == 0 && alerts.Count == 0) return;
        await using var connection = await OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction();
        InsertVerdicts(connection.Handle!, verdicts);
        Insert(connection.Handle!, alerts);
        transaction.Commit();
    }

    private static void InsertVerdicts(sqlite3 db, IReadOnlyList<Verdict> verdicts)
    {
        if (verdicts.Count == 0) return;
        Check(db, raw.sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO verdicts (record_id, time_ms, label, score, worker) VALUES (?1, ?2, ?3, ?4, ?5)", out var insert));
        using (insert)
        {
            foreach (var verdict in verdicts)
            {
                Check(db, raw.sqlite3_bind_text16(insert, 1, verdict.RecordId));
                Check(db, raw.sqlite3_bind_int64(insert, 2, verdict.TimeUtc.ToUnixTimeMilliseconds()));
                Check(db, raw.sqlite3_bind_text16(insert, 3, verdict.Label));
                Check(db, raw.sqlite3_bind_double(insert, 4, verdict.Score));
                Check(db, raw.sqlite3_bind_text16(insert, 5, verdict.Worker));
                var step = raw.sqlite3_step(insert);
                if (step != raw.SQLITE_DONE) Check(db, step);
                Check(db, raw.sqlite3_reset(insert));
            }
        }
    }

    // One prepared statement for the batch, bound through SQLitePCL.raw (the library under Microsoft.Data.Sqlite):
    // no parameter objects, boxing or UTF-8 copies per row, which cost more than SQLite's own work (docs/benchmarks.md).
    private static void Insert(sqlite3 db, IReadOnlyList<Alert> alerts)
    {
        if (alerts.Count == 0) return;
        Check(db, raw.sqlite3_prepare_v2(db, """
            INSERT OR IGNORE INTO alerts (time_ms, endpoint, label, family, supervised_model, supervised_version, attack_probability,
                                unsupervised_model, unsupervised_version, anomaly_score, record,
                                start_ms, src_addr, src_port, dst_addr, dst_port, record_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
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
                BindText(db, insert, 17, alert.RecordId);
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
        if (query.FeedbackOnly) where.Append(" AND feedback_verdict IS NOT NULL");

        command.CommandText = $"SELECT COUNT(*) FROM alerts {where}";
        var total = (long)(await command.ExecuteScalarAsync(cancellationToken))!;

        command.CommandText = $"SELECT {AlertRows.Columns} FROM alerts {where} ORDER BY id DESC LIMIT $limit OFFSET $offset";
        command.Parameters.AddWithValue("$limit", query.PageSize);
        command.Parameters.AddWithValue("$offset", (long)(query.Page - 1) * query.PageSize);
        var items = new List<Alert>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) items.Add(AlertRows.Read(reader, _schemas));
        return new AlertPage(items, query.Page, query.PageSize, total);

        void Filter(string condition, string name, object value)
        {
            where.Append(" AND ").Append(condition);
            command.Parameters.AddWithValue(name, value);
        }
    }

    public async Task<AlertSummary> SummarizeAsync(DateTimeOffset since, long bucketMs, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var sinceMs = since.ToUnixTimeMilliseconds();
        var perBucket = new Dictionary<long, long>();
        long total = 0;
        await foreach (var (bucket, count) in PairsAsync("SELECT time_ms / $bucket, COUNT(*) FROM alerts WHERE time_ms >= $since GROUP BY 1"))
        {
            perBucket[long.Parse(bucket, CultureInfo.InvariantCulture)] = count;
            total += count;
        }
        var byFamily = new List<NamedCount>();
        await foreach (var (family, count) in PairsAsync(
            $"SELECT COALESCE(family, '{AlertSummary.NoFamily}'), COUNT(*) FROM alerts WHERE time_ms >= $since GROUP BY 1 ORDER BY 2 DESC LIMIT {AlertSummary.TopN}"))
            byFamily.Add(new(family, count));
        var byService = new List<NamedCount>();
        await foreach (var (service, count) in PairsAsync(
            $"SELECT {StoredRecord.ServiceSql}, COUNT(*) FROM alerts WHERE time_ms >= $since GROUP BY 1 ORDER BY 2 DESC LIMIT {AlertSummary.TopN}"))
            byService.Add(new(service, count));
        return new AlertSummary(total, perBucket, byFamily, byService);

        async IAsyncEnumerable<(string Key, long Count)> PairsAsync(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$since", sinceMs);
            command.Parameters.AddWithValue("$bucket", bucketMs);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                yield return (Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture) ?? "", reader.GetInt64(1));
        }
    }

    public async Task<VerdictCount> CountVerdictsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COUNT(DISTINCT record_id) FROM verdicts";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new VerdictCount(reader.GetInt64(0), reader.GetInt64(1));
    }

    public async Task<bool> SetFeedbackAsync(long alertId, AlertFeedback feedback, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE alerts SET feedback_verdict = $v, feedback_analyst = $a, feedback_note = $n, feedback_ms = $t WHERE id = $id";
        command.Parameters.AddWithValue("$v", feedback.Verdict);
        command.Parameters.AddWithValue("$a", feedback.Analyst);
        command.Parameters.AddWithValue("$n", (object?)feedback.Note ?? DBNull.Value);
        command.Parameters.AddWithValue("$t", feedback.TimeUtc.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$id", alertId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<SuppressionRule> AddSuppressionAsync(SuppressionRule rule, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO suppressions (host, cidr, port, service, model, expires_ms, created_ms, created_by, note)
            VALUES ($host, $cidr, $port, $service, $model, $expires, $created, $by, $note) RETURNING id
            """;
        command.Parameters.AddWithValue("$host", (object?)rule.Host ?? DBNull.Value);
        command.Parameters.AddWithValue("$cidr", (object?)rule.Cidr ?? DBNull.Value);
        command.Parameters.AddWithValue("$port", (object?)rule.Port ?? DBNull.Value);
        command.Parameters.AddWithValue("$service", (object?)rule.Service ?? DBNull.Value);
        command.Parameters.AddWithValue("$model", (object?)rule.Model ?? DBNull.Value);
        command.Parameters.AddWithValue("$expires", (object?)rule.ExpiresUtc?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", rule.CreatedUtc.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$by", rule.CreatedBy);
        command.Parameters.AddWithValue("$note", (object?)rule.Note ?? DBNull.Value);
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return rule with { Id = id };
    }

    public async Task<IReadOnlyList<SuppressionRule>> ListSuppressionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SuppressionRows.Columns} FROM suppressions ORDER BY id";
        var rules = new List<SuppressionRule>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rules.Add(SuppressionRows.Read(reader));
        return rules;
    }

    public async Task AddSuppressedAsync(IReadOnlyDictionary<long, long> countsByRule, CancellationToken cancellationToken)
    {
        if (countsByRule.Count == 0) return;
        await using var connection = await OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction();
        foreach (var (rule, count) in countsByRule)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE suppressions SET suppressed = suppressed + $count WHERE id = $id";
            command.Parameters.AddWithValue("$count", count);
            command.Parameters.AddWithValue("$id", rule);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        transaction.Commit();
    }

    public async Task<bool> DeleteSuppressionAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM suppressions WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // Per connection: with WAL, NORMAL survives a process crash (not a power cut) and commits much faster than FULL.
        await ExecuteAsync(connection, "PRAGMA synchronous = NORMAL;", cancellationToken);
        return connection;
    }

    internal static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
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
