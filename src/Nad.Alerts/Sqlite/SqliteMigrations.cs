using Microsoft.Data.Sqlite;

namespace Nad.Alerts.Sqlite;

/// <summary>
/// The SQLite schema, one numbered step at a time; <c>schema_version</c> records each step applied.
/// Steps run in one IMMEDIATE transaction, so two processes starting on one file migrate it once.
/// A file from before the versions (an alerts table, no schema_version) passes steps 1 and 2 unchanged
/// or gains the connection columns, keeping every row.
/// </summary>
internal static class SqliteMigrations
{
    private sealed record Step(int Version, string Description, Func<SqliteConnection, CancellationToken, Task> ApplyAsync);

    private static readonly Step[] Steps =
    [
        new(1, "alerts table and its time index", (c, t) => SqliteAlertStore.ExecuteAsync(c, """
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
            """, t)),
        new(2, "connection columns (start, hosts, ports)", AddConnectionColumnsAsync),
        new(3, "record ids (unique: one alert per record) and the verdicts table", (c, t) => SqliteAlertStore.ExecuteAsync(c, """
            ALTER TABLE alerts ADD COLUMN record_id TEXT;
            CREATE UNIQUE INDEX alerts_record_id ON alerts (record_id);
            CREATE TABLE verdicts (
                record_id TEXT PRIMARY KEY,
                time_ms INTEGER NOT NULL,
                label TEXT NOT NULL,
                score REAL NOT NULL,
                worker TEXT NOT NULL
            ) WITHOUT ROWID;
            """, t)),
        new(4, "analyst feedback on alerts and the suppression rules table", (c, t) => SqliteAlertStore.ExecuteAsync(c, """
            ALTER TABLE alerts ADD COLUMN feedback_verdict TEXT;
            ALTER TABLE alerts ADD COLUMN feedback_analyst TEXT;
            ALTER TABLE alerts ADD COLUMN feedback_note TEXT;
            ALTER TABLE alerts ADD COLUMN feedback_ms INTEGER;
            CREATE TABLE suppressions (
                id INTEGER PRIMARY KEY,
                host TEXT,
                cidr TEXT,
                port INTEGER,
                service TEXT,
                model TEXT,
                expires_ms INTEGER,
                created_ms INTEGER NOT NULL,
                created_by TEXT NOT NULL,
                note TEXT
            );
            """, t)),
        new(5, "alerts kept out per suppression rule by scoring workers", (c, t) => SqliteAlertStore.ExecuteAsync(c,
            "ALTER TABLE suppressions ADD COLUMN suppressed INTEGER NOT NULL DEFAULT 0", t)),
    ];

    /// <summary>The newest schema version.</summary>
    public static int Latest => Steps[^1].Version;

    public static async Task ApplyAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await SqliteAlertStore.ExecuteAsync(connection, "BEGIN IMMEDIATE", cancellationToken);
        try
        {
            await SqliteAlertStore.ExecuteAsync(connection,
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_ms INTEGER NOT NULL)", cancellationToken);
            var current = await CurrentAsync(connection, cancellationToken);
            foreach (var step in Steps.Where(s => s.Version > current))
            {
                await step.ApplyAsync(connection, cancellationToken);
                await using var record = connection.CreateCommand();
                record.CommandText = "INSERT INTO schema_version (version, description, applied_ms) VALUES ($v, $d, $t)";
                record.Parameters.AddWithValue("$v", step.Version);
                record.Parameters.AddWithValue("$d", step.Description);
                record.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
            await SqliteAlertStore.ExecuteAsync(connection, "COMMIT", cancellationToken);
        }
        catch
        {
            await SqliteAlertStore.ExecuteAsync(connection, "ROLLBACK", CancellationToken.None);
            throw;
        }
    }

    public static async Task<int> CurrentAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Columns added after the first schema, each nullable (name, SQL type); a file may have them already.</summary>
    private static readonly (string Name, string Type)[] ConnectionColumns =
        [("start_ms", "INTEGER"), ("src_addr", "TEXT"), ("src_port", "INTEGER"), ("dst_addr", "TEXT"), ("dst_port", "INTEGER")];

    private static async Task AddConnectionColumnsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('alerts')";
            await using var reader = await info.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) existing.Add(reader.GetString(0));
        }
        foreach (var (name, type) in ConnectionColumns.Where(c => !existing.Contains(c.Name)))
            await SqliteAlertStore.ExecuteAsync(connection, $"ALTER TABLE alerts ADD COLUMN {name} {type}", cancellationToken);
    }
}
