using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Nad.Alerts.Postgres;

/// <summary>
/// Alerts in PostgreSQL, shared by scoring workers and service instances on several machines.
/// A batch is one transaction of INSERT ... SELECT FROM unnest(arrays) statements of
/// <see cref="RowsPerStatement"/> rows (one round trip each, no per-row parameters) with
/// ON CONFLICT DO NOTHING on the record id, so a redelivered batch stores nothing twice.
/// Records are <see cref="RecordBlob"/> bytes (the <see cref="StoredRecord"/> text's UTF-8 for a
/// category holding a zero character). Times are Unix milliseconds, as in SQLite.
/// </summary>
public sealed class PostgresAlertStore : IAlertStore, IAsyncDisposable, IDisposable
{
    public const int RowsPerStatement = 500;

    private readonly NpgsqlDataSource _dataSource;
    private readonly SchemaResolver _schemas;

    /// <param name="schemas">Finds the schema of a stored record of another schema than NSL-KDD (default: the built-in ones).</param>
    public PostgresAlertStore(string connectionString, string description, SchemaResolver? schemas = null)
    {
        _schemas = schemas ?? SchemaResolver.BuiltIn;
        _dataSource = NpgsqlDataSource.Create(connectionString);
        Description = description;
    }

    public string Description { get; }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await PostgresMigrations.ApplyAsync(connection, cancellationToken);
    }

    public Task AppendAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken) => AppendAsync([], alerts, cancellationToken);

    public async Task AppendAsync(IReadOnlyList<Verdict> verdicts, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        if (verdicts.Count == 0 && alerts.Count == 0) return;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        for (var start = 0; start < verdicts.Count; start += RowsPerStatement)
            await InsertVerdictsAsync(connection, verdicts, start, Math.Min(RowsPerStatement, verdicts.Count - start), cancellationToken);
        for (var start = 0; start < alerts.Count; start += RowsPerStatement)
            await InsertAlertsAsync(connection, alerts, start, Math.Min(RowsPerStatement, alerts.Count - start), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task InsertVerdictsAsync(NpgsqlConnection connection, IReadOnlyList<Verdict> verdicts, int start, int count, CancellationToken cancellationToken)
    {
        var ids = new string[count];
        var times = new long[count];
        var labels = new string[count];
        var scores = new double[count];
        var workers = new string[count];
        for (var i = 0; i < count; i++)
        {
            var v = verdicts[start + i];
            (ids[i], times[i], labels[i], scores[i], workers[i]) = (v.RecordId, v.TimeUtc.ToUnixTimeMilliseconds(), v.Label, v.Score, v.Worker);
        }
        await using var command = new NpgsqlCommand("""
            INSERT INTO verdicts (record_id, time_ms, label, score, worker)
            SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::double precision[], $5::text[])
            ON CONFLICT (record_id) DO NOTHING
            """, connection);
        command.Parameters.Add(new() { Value = ids });
        command.Parameters.Add(new() { Value = times });
        command.Parameters.Add(new() { Value = labels });
        command.Parameters.Add(new() { Value = scores });
        command.Parameters.Add(new() { Value = workers });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task InsertAlertsAsync(NpgsqlConnection connection, IReadOnlyList<Alert> alerts, int start, int count, CancellationToken cancellationToken)
    {
        var ids = new string[count];
        var times = new long[count];
        var endpoints = new string[count];
        var labels = new string[count];
        var families = new string?[count];
        var supervisedModels = new string?[count];
        var supervisedVersions = new string?[count];
        var probabilities = new double?[count];
        var unsupervisedModels = new string?[count];
        var unsupervisedVersions = new string?[count];
        var anomalyScores = new double?[count];
        var records = new byte[count][];
        var starts = new long?[count];
        var sourceAddresses = new string?[count];
        var sourcePorts = new int?[count];
        var destinationAddresses = new string?[count];
        var destinationPorts = new int?[count];
        var blob = new byte[4096];
        for (var i = 0; i < count; i++)
        {
            var alert = alerts[start + i];
            var record = alert.Record ?? throw new ArgumentException($"Alert {alert.Id} has no record to store.", nameof(alerts));
            ids[i] = alert.RecordId ?? throw new ArgumentException($"Alert {alert.Id} has no record id (PostgreSQL keeps one alert per record id).", nameof(alerts));
            times[i] = alert.TimeUtc.ToUnixTimeMilliseconds();
            endpoints[i] = alert.Endpoint;
            labels[i] = alert.Label;
            families[i] = alert.Family;
            supervisedModels[i] = alert.SupervisedModel;
            supervisedVersions[i] = alert.SupervisedVersion;
            probabilities[i] = alert.AttackProbability;
            unsupervisedModels[i] = alert.UnsupervisedModel;
            unsupervisedVersions[i] = alert.UnsupervisedVersion;
            anomalyScores[i] = alert.AnomalyScore;
            var needed = RecordBlob.MaxLength(record);
            if (blob.Length < needed) blob = new byte[needed];
            records[i] = RecordBlob.TryWrite(record, blob, out var length) ? blob[..length] : Encoding.UTF8.GetBytes(StoredRecord.Write(record));
            var c = alert.Connection;
            starts[i] = c?.StartTime.ToUnixTimeMilliseconds();
            sourceAddresses[i] = c?.SourceAddress.ToString();
            sourcePorts[i] = c?.SourcePort;
            destinationAddresses[i] = c?.DestinationAddress.ToString();
            destinationPorts[i] = c?.DestinationPort;
        }
        await using var command = new NpgsqlCommand("""
            INSERT INTO alerts (record_id, time_ms, endpoint, label, family, supervised_model, supervised_version, attack_probability,
                                unsupervised_model, unsupervised_version, anomaly_score, record,
                                start_ms, src_addr, src_port, dst_addr, dst_port)
            SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::double precision[],
                                 $9::text[], $10::text[], $11::double precision[], $12::bytea[],
                                 $13::bigint[], $14::text[], $15::integer[], $16::text[], $17::integer[])
            ON CONFLICT (record_id) DO NOTHING
            """, connection);
        command.Parameters.Add(new() { Value = ids });
        command.Parameters.Add(new() { Value = times });
        command.Parameters.Add(new() { Value = endpoints });
        command.Parameters.Add(new() { Value = labels });
        command.Parameters.Add(new() { Value = families, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = supervisedModels, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = supervisedVersions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = probabilities });
        command.Parameters.Add(new() { Value = unsupervisedModels, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = unsupervisedVersions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = anomalyScores });
        command.Parameters.Add(new() { Value = records });
        command.Parameters.Add(new() { Value = starts });
        command.Parameters.Add(new() { Value = sourceAddresses, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = sourcePorts });
        command.Parameters.Add(new() { Value = destinationAddresses, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = destinationPorts });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<AlertPage> QueryAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand { Connection = connection };
        var where = new StringBuilder("WHERE TRUE");
        if (query.From is { } from) Filter("time_ms >= @from", "from", from.ToUnixTimeMilliseconds());
        if (query.To is { } to) Filter("time_ms < @to", "to", to.ToUnixTimeMilliseconds());
        if (query.Label is { } label) Filter("label = @label", "label", label);
        if (query.Family is { } family) Filter("lower(family) = lower(@family)", "family", family);
        if (query.Model is { } model) Filter("(supervised_model = @model OR unsupervised_model = @model)", "model", model);
        if (query.FeedbackOnly) where.Append(" AND feedback_verdict IS NOT NULL");

        command.CommandText = $"SELECT COUNT(*) FROM alerts {where}";
        var total = (long)(await command.ExecuteScalarAsync(cancellationToken))!;

        command.CommandText = $"SELECT {AlertRows.Columns} FROM alerts {where} ORDER BY id DESC LIMIT @limit OFFSET @offset";
        command.Parameters.AddWithValue("limit", query.PageSize);
        command.Parameters.AddWithValue("offset", (long)(query.Page - 1) * query.PageSize);
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

    public async Task<bool> SetFeedbackAsync(long alertId, AlertFeedback feedback, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE alerts SET feedback_verdict = $1, feedback_analyst = $2, feedback_note = $3, feedback_ms = $4 WHERE id = $5", connection);
        command.Parameters.Add(new() { Value = feedback.Verdict });
        command.Parameters.Add(new() { Value = feedback.Analyst });
        command.Parameters.Add(new() { Value = (object?)feedback.Note ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = feedback.TimeUtc.ToUnixTimeMilliseconds() });
        command.Parameters.Add(new() { Value = alertId });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<SuppressionRule> AddSuppressionAsync(SuppressionRule rule, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO suppressions (host, cidr, port, service, model, expires_ms, created_ms, created_by, note)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id
            """, connection);
        command.Parameters.Add(new() { Value = (object?)rule.Host ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)rule.Cidr ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)rule.Port ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new() { Value = (object?)rule.Service ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)rule.Model ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)rule.ExpiresUtc?.ToUnixTimeMilliseconds() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new() { Value = rule.CreatedUtc.ToUnixTimeMilliseconds() });
        command.Parameters.Add(new() { Value = rule.CreatedBy });
        command.Parameters.Add(new() { Value = (object?)rule.Note ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return rule with { Id = id };
    }

    public async Task<IReadOnlyList<SuppressionRule>> ListSuppressionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {SuppressionRows.Columns} FROM suppressions ORDER BY id", connection);
        var rules = new List<SuppressionRule>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rules.Add(SuppressionRows.Read(reader));
        return rules;
    }

    public async Task AddSuppressedAsync(IReadOnlyDictionary<long, long> countsByRule, CancellationToken cancellationToken)
    {
        if (countsByRule.Count == 0) return;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE suppressions AS s SET suppressed = s.suppressed + c.n FROM unnest($1::bigint[], $2::bigint[]) AS c(id, n) WHERE s.id = c.id", connection);
        command.Parameters.Add(new() { Value = countsByRule.Keys.ToArray() });
        command.Parameters.Add(new() { Value = countsByRule.Values.ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken); // one statement: atomic
    }

    public async Task<bool> DeleteSuppressionAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("DELETE FROM suppressions WHERE id = $1", connection);
        command.Parameters.Add(new() { Value = id });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The stored record's service: the bytes between a blob's format byte (1, or 2 for another schema, whose service
    /// is empty when it has no such column) and its first zero, or the third value of
    /// the text form, kept JSON-escaped (that form is only for a category holding a zero character, which PostgreSQL text cannot hold).</summary>
    private const string ServiceSql = """
        CASE WHEN get_byte(record, 0) IN (1, 2)
             THEN convert_from(substring(record FROM 2 FOR position('\x00'::bytea IN substring(record FROM 2)) - 1), 'UTF8')
             ELSE substring(convert_from(record, 'UTF8') FROM '^\[[^,]*,"(?:[^"\\]|\\.)*","((?:[^"\\]|\\.)*)"') END
        """;

    public async Task<AlertSummary> SummarizeAsync(DateTimeOffset since, long bucketMs, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var sinceMs = since.ToUnixTimeMilliseconds();
        var perBucket = new Dictionary<long, long>();
        long total = 0;
        await foreach (var (bucket, count) in PairsAsync("SELECT (time_ms / @bucket)::text, COUNT(*) FROM alerts WHERE time_ms >= @since GROUP BY 1"))
        {
            perBucket[long.Parse(bucket, System.Globalization.CultureInfo.InvariantCulture)] = count;
            total += count;
        }
        var byFamily = new List<NamedCount>();
        await foreach (var (family, count) in PairsAsync(
            $"SELECT COALESCE(family, '{AlertSummary.NoFamily}'), COUNT(*) FROM alerts WHERE time_ms >= @since GROUP BY 1 ORDER BY 2 DESC LIMIT {AlertSummary.TopN}"))
            byFamily.Add(new(family, count));
        var byService = new List<NamedCount>();
        await foreach (var (service, count) in PairsAsync(
            $"SELECT COALESCE({ServiceSql}, ''), COUNT(*) FROM alerts WHERE time_ms >= @since GROUP BY 1 ORDER BY 2 DESC LIMIT {AlertSummary.TopN}"))
            byService.Add(new(service, count));
        return new AlertSummary(total, perBucket, byFamily, byService);

        async IAsyncEnumerable<(string Key, long Count)> PairsAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("since", sinceMs);
            command.Parameters.AddWithValue("bucket", bucketMs);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) yield return (reader.GetString(0), reader.GetInt64(1));
        }
    }

    public async Task<VerdictCount> CountVerdictsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT COUNT(*), COUNT(DISTINCT record_id) FROM verdicts", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new VerdictCount(reader.GetInt64(0), reader.GetInt64(1));
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();
}
