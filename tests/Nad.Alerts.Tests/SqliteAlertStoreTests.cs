using Microsoft.Data.Sqlite;
using Nad.Alerts.Sqlite;
using Nad.Alerts.Stores;

namespace Nad.Alerts.Tests;

public sealed class SqliteAlertStoreTests : AlertStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nad-alerts-").FullName;
    private readonly List<SqliteAlertStore> _stores = [];

    protected override Task<IAlertStore> NewStoreAsync()
    {
        var store = (SqliteAlertStore)AlertStores.Create(Path.Combine(_folder, $"{Guid.NewGuid():N}.db"));
        _stores.Add(store);
        return Task.FromResult<IAlertStore>(store);
    }

    protected override IAlertStore Reopen(IAlertStore store, SchemaResolver? schemas = null)
    {
        var again = (SqliteAlertStore)AlertStores.Create(((SqliteAlertStore)store).Path, schemas);
        _stores.Add(again);
        return again;
    }

    protected override int LatestVersion => SqliteMigrations.Latest;

    protected override async Task<IReadOnlyList<int>> SchemaVersionsAsync(IAlertStore store)
    {
        await using var connection = new SqliteConnection($"Data Source={((SqliteAlertStore)store).Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_version ORDER BY version";
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync()) versions.Add(reader.GetInt32(0));
        return versions;
    }

    [Fact]
    public async Task A_folder_that_cannot_be_created_is_unavailable_naming_the_path()
    {
        var blocker = Path.Combine(_folder, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var path = Path.Combine(blocker, "alerts.db");
        var e = await Assert.ThrowsAsync<AlertStoreUnavailableException>(() => AlertStores.OpenAsync(path, CancellationToken.None));
        Assert.Contains(path, e.Message);
    }

    public void Dispose()
    {
        foreach (var store in _stores) store.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
