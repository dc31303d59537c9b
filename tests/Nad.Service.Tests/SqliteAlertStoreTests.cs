using Microsoft.Data.Sqlite;
using Nad.Alerts;
using Nad.Alerts.Sqlite;
using Nad.Core.Records;
using Nad.Service.Alerts;
using Nad.Service.Models;
using Nad.Service.Scoring;

namespace Nad.Service.Tests;

[Collection(ServiceCollection.Name)]
public sealed class SqliteAlertStoreTests(TrainedModel model) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nad-store-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private static Alert AlertOf(ConnectionRecord record) =>
        Scorer.AlertFor("predict", record, new SupervisedResult(Labels.Attack, 0.9, 0.5, new ModelRef("random-forest", "abc"), null), null);

    private static AlertQuery All => new(null, null, null, null, null, 1, 100);

    private static async Task<List<string>> SqlAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return values;
    }

    [Fact]
    public async Task Records_are_stored_as_blobs_and_a_category_with_a_zero_character_as_text_and_both_read_back()
    {
        var path = Path.Combine(_folder, "alerts.db");
        var zero = new ConnectionRecord("tcp", "ht\0tp", "SF", (double[])model.AnAttack.Numeric.Clone());
        using (var store = new SqliteAlertStore(path))
        {
            await store.InitializeAsync(CancellationToken.None);
            await store.AppendAsync([AlertOf(model.AnAttack), AlertOf(zero)], CancellationToken.None);
            var page = await store.QueryAsync(All, CancellationToken.None);
            Assert.Equal([zero.ToFields(), model.AnAttack.ToFields()], page.Items.Select(a => a.Record!.ToFields()));
            Assert.All(page.Items, a => Assert.Null(a.RecordProblem));
        }
        Assert.Equal(["blob", "text"], await SqlAsync(path, "SELECT typeof(record) FROM alerts ORDER BY id"));
        Assert.Equal([model.AnAttack.Service, "ht\0tp"], await SqlAsync(path, $"SELECT {StoredRecord.ServiceSql} FROM alerts ORDER BY id"));
        Assert.Equal(["alerts_record_id", "alerts_time"], await SqlAsync(path, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'alerts' AND sql IS NOT NULL ORDER BY name"));
    }

    [Fact]
    public async Task A_file_from_before_keeps_its_rows_loses_the_label_index_and_takes_new_ones_after_them()
    {
        var path = Path.Combine(_folder, "old.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE alerts (id INTEGER PRIMARY KEY AUTOINCREMENT, time_ms INTEGER NOT NULL, endpoint TEXT NOT NULL, label TEXT NOT NULL,
                    family TEXT, supervised_model TEXT, supervised_version TEXT, attack_probability REAL, unsupervised_model TEXT,
                    unsupervised_version TEXT, anomaly_score REAL, record TEXT NOT NULL);
                CREATE INDEX alerts_time ON alerts (time_ms);
                CREATE INDEX alerts_label_time ON alerts (label, time_ms);
                INSERT INTO alerts (time_ms, endpoint, label, record) VALUES (1700000000000, 'detect', 'attack', $record);
                """;
            command.Parameters.AddWithValue("$record", StoredRecord.Write(model.AnAttack));
            await command.ExecuteNonQueryAsync();
        }
        using (var store = new SqliteAlertStore(path))
        {
            await store.InitializeAsync(CancellationToken.None);
            await store.AppendAsync([AlertOf(model.ANormal)], CancellationToken.None);
            var page = await store.QueryAsync(All with { Label = Labels.Attack }, CancellationToken.None);
            Assert.Equal([2L, 1L], page.Items.Select(a => a.Id));
            Assert.Equal([model.ANormal.ToFields(), model.AnAttack.ToFields()], page.Items.Select(a => a.Record!.ToFields()));
        }
        Assert.Equal(["alerts_record_id", "alerts_time"], await SqlAsync(path, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'alerts' AND sql IS NOT NULL ORDER BY name"));
    }
}
