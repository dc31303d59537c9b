namespace Nad.Service.Alerts;

/// <summary>
/// Where alerts are kept. SQLite (<see cref="SqliteAlertStore"/>) is the default; a server
/// database for several service instances (PostgreSQL) would be a second implementation of
/// these three calls, chosen in configuration.
/// </summary>
public interface IAlertStore
{
    /// <summary>Creates the schema if needed; called once before the server listens.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Stores a batch of alerts in one transaction (all or none).</summary>
    Task AppendAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken);

    Task<AlertPage> QueryAsync(AlertQuery query, CancellationToken cancellationToken);
}
