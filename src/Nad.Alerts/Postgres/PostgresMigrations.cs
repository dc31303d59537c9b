using Npgsql;

namespace Nad.Alerts.Postgres;

/// <summary>
/// The PostgreSQL schema, one numbered step at a time; <c>schema_version</c> records each step applied.
/// Steps run in one transaction under an advisory lock, so workers starting together migrate once.
/// </summary>
internal static class PostgresMigrations
{
    private const long LockKey = 0x4E41_4441_6C65_7274; // "NADalert": any fixed number, the same in every process

    private static readonly (int Version, string Description, string Sql)[] Steps =
    [
        (1, "alerts (one row per record id) and verdicts tables", """
            CREATE TABLE alerts (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                record_id TEXT NOT NULL,
                time_ms BIGINT NOT NULL,
                endpoint TEXT NOT NULL,
                label TEXT NOT NULL,
                family TEXT,
                supervised_model TEXT,
                supervised_version TEXT,
                attack_probability DOUBLE PRECISION,
                unsupervised_model TEXT,
                unsupervised_version TEXT,
                anomaly_score DOUBLE PRECISION,
                record BYTEA NOT NULL,
                start_ms BIGINT,
                src_addr TEXT,
                src_port INTEGER,
                dst_addr TEXT,
                dst_port INTEGER,
                CONSTRAINT alerts_record_id UNIQUE (record_id)
            );
            CREATE INDEX alerts_time ON alerts (time_ms);
            CREATE TABLE verdicts (
                record_id TEXT PRIMARY KEY,
                time_ms BIGINT NOT NULL,
                label TEXT NOT NULL,
                score DOUBLE PRECISION NOT NULL,
                worker TEXT NOT NULL
            );
            """),
        (2, "analyst feedback on alerts and the suppression rules table", """
            ALTER TABLE alerts ADD COLUMN feedback_verdict TEXT, ADD COLUMN feedback_analyst TEXT,
                               ADD COLUMN feedback_note TEXT, ADD COLUMN feedback_ms BIGINT;
            CREATE TABLE suppressions (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                host TEXT,
                cidr TEXT,
                port INTEGER,
                service TEXT,
                model TEXT,
                expires_ms BIGINT,
                created_ms BIGINT NOT NULL,
                created_by TEXT NOT NULL,
                note TEXT
            );
            """),
        (3, "alerts kept out per suppression rule by scoring workers", "ALTER TABLE suppressions ADD COLUMN suppressed BIGINT NOT NULL DEFAULT 0"),
    ];

    public static int Latest => Steps[^1].Version;

    public static async Task ApplyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        await ExecuteAsync(connection,
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_ms BIGINT NOT NULL)", cancellationToken);
        await using (var read = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection))
        {
            var current = (int)(await read.ExecuteScalarAsync(cancellationToken))!;
            foreach (var (version, description, sql) in Steps.Where(s => s.Version > current))
            {
                await ExecuteAsync(connection, sql, cancellationToken);
                await using var record = new NpgsqlCommand("INSERT INTO schema_version (version, description, applied_ms) VALUES ($1, $2, $3)", connection);
                record.Parameters.Add(new() { Value = version });
                record.Parameters.Add(new() { Value = description });
                record.Parameters.Add(new() { Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
