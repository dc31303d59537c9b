using Microsoft.Data.Sqlite;
using Nad.Service.Alerts;

namespace Nad.Service.Dashboard;

/// <summary>
/// Aggregates over the alert database for the Overview page: read-only SQL on the SQLite store's
/// file (GROUP BY in the database, never a page of alerts counted in memory). Another store kind
/// has no statistics (the Overview says so).
/// </summary>
public sealed class AlertStatistics(IAlertStore store)
{
    public const string NoFamily = "unclassified";
    private const int TopN = 10;

    public bool Available => store is SqliteAlertStore;

    public async Task<AlertSummary?> SummarizeAsync(DateTimeOffset since, long bucketMs, CancellationToken cancellationToken)
    {
        if (store is not SqliteAlertStore sqlite) return null;
        var connectionString = new SqliteConnectionStringBuilder { DataSource = sqlite.Path, Mode = SqliteOpenMode.ReadOnly }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var sinceMs = since.ToUnixTimeMilliseconds();

        var perBucket = new Dictionary<long, long>();
        long total = 0;
        await foreach (var (bucket, count) in PairsAsync("SELECT time_ms / $bucket, COUNT(*) FROM alerts WHERE time_ms >= $since GROUP BY 1"))
        {
            perBucket[long.Parse(bucket, System.Globalization.CultureInfo.InvariantCulture)] = count;
            total += count;
        }
        var byFamily = new List<NamedCount>();
        await foreach (var (family, count) in PairsAsync(
            $"SELECT COALESCE(family, '{NoFamily}'), COUNT(*) FROM alerts WHERE time_ms >= $since GROUP BY 1 ORDER BY 2 DESC LIMIT {TopN}"))
            byFamily.Add(new(family, count));
        var byService = new List<NamedCount>();
        await foreach (var (service, count) in PairsAsync(
            $"SELECT {StoredRecord.ServiceSql}, COUNT(*) FROM alerts WHERE time_ms >= $since GROUP BY 1 ORDER BY 2 DESC LIMIT {TopN}"))
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
                yield return (Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "", reader.GetInt64(1));
        }
    }
}
