using Nad.Core.Records;

namespace Nad.Alerts;

/// <summary>
/// Alerts an analyst does not want stored: every criterion given must match (AND); at least one is given.
/// <see cref="Host"/> matches either end of the connection, <see cref="Cidr"/> either end inside the block,
/// <see cref="Port"/> the destination port, <see cref="Service"/> the record's service (another schema's <c>service</c> column; none in a schema without one), <see cref="Model"/> either
/// model that judged it. A rule past <see cref="ExpiresUtc"/> matches nothing. <see cref="Id"/> is 0 until stored.
/// <see cref="StoredSuppressed"/> is the count in the store: alerts the rule kept out, added by the streaming workers
/// and by each service (which counts in memory between its flushes).
/// </summary>
public sealed record SuppressionRule(
    long Id,
    string? Host,
    string? Cidr,
    int? Port,
    string? Service,
    string? Model,
    DateTimeOffset? ExpiresUtc,
    DateTimeOffset CreatedUtc,
    string CreatedBy,
    string? Note,
    long StoredSuppressed = 0)
{
    private readonly HostAddress? _host = Host is not null && HostAddress.TryParse(Host, out var h) ? h : null;
    private readonly AddressRange? _range = Cidr is not null && AddressRange.TryParse(Cidr, out var r) ? r : null;

    public bool HasCriterion => Host is not null || Cidr is not null || Port is not null || Service is not null || Model is not null;

    public bool IsActive(DateTimeOffset now) => ExpiresUtc is not { } expires || now < expires;

    public bool Matches(Alert alert, DateTimeOffset now)
    {
        if (!HasCriterion || !IsActive(now)) return false;
        var c = alert.Connection;
        if (Host is not null && (c is not { } hc || _host is not { } host || (hc.SourceAddress != host && hc.DestinationAddress != host))) return false;
        if (Cidr is not null && (c is not { } rc || _range is not { } range || (!range.Contains(rc.SourceAddress) && !range.Contains(rc.DestinationAddress)))) return false;
        if (Port is { } port && (c is not { } pc || pc.DestinationPort != port)) return false;
        if (Service is not null && (alert.Record is not { } record || !string.Equals(RecordCategories.Service(record), Service, StringComparison.Ordinal))) return false;
        if (Model is not null && alert.SupervisedModel != Model && alert.UnsupervisedModel != Model) return false;
        return true;
    }
}
