using Nad.Alerts.Postgres;
using Nad.Alerts.Stores;
using Nad.Tests.Shared;
using Npgsql;

namespace Nad.Alerts.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresAlertStoreTests(PostgresFixture fixture) : AlertStoreContract, IAsyncDisposable
{
    private readonly List<PostgresAlertStore> _stores = [];
    private PostgresServer Server => fixture.Server;

    protected override async Task<IAlertStore> NewStoreAsync()
    {
        Skip.If(Server.SkipReason is not null, Server.SkipReason);
        var store = (PostgresAlertStore)AlertStores.Create(Server.Url(await Server.CreateDatabaseAsync("alerts")));
        _stores.Add(store);
        return store;
    }

    protected override IAlertStore Reopen(IAlertStore store, SchemaResolver? schemas = null)
    {
        var again = (PostgresAlertStore)AlertStores.Create(Server.Url(store.Description[(store.Description.LastIndexOf('/') + 1)..]), schemas);
        _stores.Add(again);
        return again;
    }

    protected override int LatestVersion => PostgresMigrations.Latest;

    protected override async Task<IReadOnlyList<int>> SchemaVersionsAsync(IAlertStore store)
    {
        var database = store.Description[(store.Description.LastIndexOf('/') + 1)..];
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Server.Port};Username={PostgresServer.User};Database={database};Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version FROM schema_version ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync()) versions.Add(reader.GetInt32(0));
        return versions;
    }

    [SkippableFact]
    public async Task A_server_that_does_not_answer_is_unavailable_naming_it_without_the_password()
    {
        Skip.If(Server.SkipReason is not null, Server.SkipReason);
        var url = $"postgres://{PostgresServer.User}:secret@127.0.0.1:{FreePort()}/alerts";
        var e = await Assert.ThrowsAsync<AlertStoreUnavailableException>(() => AlertStores.OpenAsync(url, CancellationToken.None));
        Assert.Contains($"postgres://{PostgresServer.User}@127.0.0.1:", e.Message);
        Assert.DoesNotContain("secret", e.Message);
    }

    [SkippableFact]
    public async Task A_database_that_does_not_exist_is_unavailable()
    {
        Skip.If(Server.SkipReason is not null, Server.SkipReason);
        var e = await Assert.ThrowsAsync<AlertStoreUnavailableException>(() => AlertStores.OpenAsync(Server.Url("no_such_database"), CancellationToken.None));
        Assert.Contains("no_such_database", e.Message);
    }

    [Theory]
    [InlineData("postgres://nad@127.0.0.1:5999", "names no database")]
    [InlineData("postgres:///alerts", "is not postgres://")]
    [InlineData("postgres://nad@127.0.0.1:5999/alerts?NoSuchSetting=1", "NoSuchSetting")]
    public void A_url_that_does_not_parse_is_bad_input_naming_what_is_wrong(string url, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => AlertStores.Create(url));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_url_becomes_a_connection_string_with_its_options()
    {
        var connection = new NpgsqlConnectionStringBuilder(
            AlertStores.PostgresConnectionString("postgresql://nad:p%40ss@db.example:6543/nad_alerts?Maximum%20Pool%20Size=7", out var description));
        Assert.Equal(("db.example", 6543, "nad_alerts", "nad", "p@ss", 7), (connection.Host, connection.Port, connection.Database, connection.Username, connection.Password, connection.MaxPoolSize));
        Assert.Equal("postgres://nad@db.example:6543/nad_alerts", description);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
    }
}
