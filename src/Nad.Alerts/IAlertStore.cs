namespace Nad.Alerts;

/// <summary>
/// Where alerts are kept: SQLite (<c>Sqlite.SqliteAlertStore</c>, the embedded default) or PostgreSQL
/// (<c>Postgres.PostgresAlertStore</c>, shared by several service instances and scoring workers);
/// <c>Stores.AlertStores.Open</c> picks one from a location. Writes are idempotent on
/// <see cref="Alert.RecordId"/> and <see cref="Verdict.RecordId"/>: a row whose record id is stored already is skipped.
/// </summary>
public interface IAlertStore
{
    /// <summary>A short description for messages (the file path, or the server and database without a password).</summary>
    string Description { get; }

    /// <summary>Brings the schema to the newest version (each migration once, recorded in schema_version); called before first use.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Stores a batch of alerts in one transaction (all or none).</summary>
    Task AppendAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken);

    /// <summary>Stores a scoring worker's batch, one verdict per record and the alerts among them, in one transaction.</summary>
    Task AppendAsync(IReadOnlyList<Verdict> verdicts, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken);

    Task<AlertPage> QueryAsync(AlertQuery query, CancellationToken cancellationToken);

    /// <summary>Alerts counted per time bucket, per family and per service since a time (GROUP BY in the database).</summary>
    Task<AlertSummary> SummarizeAsync(DateTimeOffset since, long bucketMs, CancellationToken cancellationToken);

    /// <summary>How many verdicts and how many distinct record ids are stored (equal unless a record id was stored twice).</summary>
    Task<VerdictCount> CountVerdictsAsync(CancellationToken cancellationToken);

    /// <summary>Records an analyst's judgement of the alert with this id (replacing an older one); false when no alert has the id.</summary>
    Task<bool> SetFeedbackAsync(long alertId, AlertFeedback feedback, CancellationToken cancellationToken);

    /// <summary>Stores a suppression rule; returns it with its id.</summary>
    Task<SuppressionRule> AddSuppressionAsync(SuppressionRule rule, CancellationToken cancellationToken);

    /// <summary>Every stored suppression rule, expired ones included, oldest first.</summary>
    Task<IReadOnlyList<SuppressionRule>> ListSuppressionsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds alerts kept out (by scoring workers and services) to each rule's stored count (<see cref="SuppressionRule.StoredSuppressed"/>),
    /// in one transaction; a rule deleted meanwhile is skipped.
    /// </summary>
    Task AddSuppressedAsync(IReadOnlyDictionary<long, long> countsByRule, CancellationToken cancellationToken);

    /// <summary>Deletes the rule with this id; false when there is none.</summary>
    Task<bool> DeleteSuppressionAsync(long id, CancellationToken cancellationToken);
}
