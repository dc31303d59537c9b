using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Nad.Alerts.Postgres;
using Nad.Alerts.Sqlite;
using Npgsql;

namespace Nad.Alerts.Stores;

/// <summary>
/// Picks the store from a location: <c>postgres://user[:password]@host[:port]/database[?option=value...]</c>
/// (or <c>postgresql://</c>; options are Npgsql's connection-string keys, e.g. <c>?Host=/run/postgresql</c>
/// for a unix socket) is PostgreSQL, anything else a SQLite file path.
/// </summary>
public static class AlertStores
{
    public static bool IsPostgres(string location) =>
        location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The store at <paramref name="location"/>, not yet opened; <see cref="ArgumentException"/> for a URL that does not parse.
    /// <paramref name="schemas"/> finds the schemas of stored records of other schemas than NSL-KDD (default: the built-in ones).</summary>
    public static IAlertStore Create(string location, SchemaResolver? schemas = null) =>
        IsPostgres(location) ? new PostgresAlertStore(PostgresConnectionString(location, out var description), description, schemas) : new SqliteAlertStore(location, schemas);

    /// <summary>Creates the store and brings its schema up to date; <see cref="AlertStoreUnavailableException"/> when it cannot be reached.</summary>
    public static async Task<IAlertStore> OpenAsync(string location, CancellationToken cancellationToken, SchemaResolver? schemas = null)
    {
        var store = Create(location, schemas);
        try
        {
            await store.InitializeAsync(cancellationToken);
            return store;
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException or SqliteException or IOException or UnauthorizedAccessException)
        {
            (store as IDisposable)?.Dispose();
            throw new AlertStoreUnavailableException($"The alert store {store.Description} cannot be opened: {e.Message}", e);
        }
    }

    /// <summary>An Npgsql connection string from a postgres:// URL; <paramref name="description"/> is the URL without its password.</summary>
    public static string PostgresConnectionString(string url, out string description)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            throw new ArgumentException($"The alert store URL '{url}' is not postgres://user@host:port/database.", nameof(url));
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0) throw new ArgumentException($"The alert store URL '{url}' names no database (postgres://user@host:port/database).", nameof(url));
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = database,
            Timeout = 10,
        };
        var user = uri.UserInfo.Split(':', 2);
        if (user[0].Length > 0) builder.Username = Uri.UnescapeDataString(user[0]);
        if (user.Length == 2) builder.Password = Uri.UnescapeDataString(user[1]);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            try
            {
                builder[Uri.UnescapeDataString(parts[0])] = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "";
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw new ArgumentException($"The alert store URL's option '{pair}' is not an Npgsql connection setting: {e.Message}", nameof(url), e);
            }
        }
        description = $"postgres://{(builder.Username is { } u ? u + "@" : "")}{builder.Host}:{builder.Port}/{builder.Database}";
        return builder.ConnectionString;
    }
}
