using System.Collections.Concurrent;
using Nad.Alerts;

namespace Nad.Streaming.Working;

/// <summary>
/// A worker's copy of the suppression rules stored in the alert store (where the service's API and dashboard add
/// them), read again when a batch is scored and the copy is older than <see cref="Refresh"/>: a rule added or
/// deleted through the service reaches every running worker within that interval. Rules are applied through the
/// same <see cref="SuppressionFilter"/> as the service's; this class only keeps the copy and the counts
/// (per rule, since this worker started). A worker scores one message at a time, so one caller reads and applies. A failed read of the rules fails the batch, which is then redelivered
/// like any batch whose store is unreachable.
/// </summary>
public sealed class WorkerSuppressions(IAlertStore store, TimeSpan refresh, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<long, long> _suppressed = new();
    private IReadOnlyList<SuppressionRule> _rules = [];
    private DateTimeOffset? _readAt;

    public TimeSpan Refresh { get; } = refresh > TimeSpan.Zero ? refresh : throw new ArgumentOutOfRangeException(nameof(refresh), refresh, "must be positive");

    /// <summary>The rules as last read (expired ones included: they match nothing).</summary>
    public IReadOnlyList<SuppressionRule> Rules => Volatile.Read(ref _rules);

    /// <summary>Alerts this rule has kept out of the store since this worker started.</summary>
    public long SuppressedBy(long ruleId) => _suppressed.TryGetValue(ruleId, out var count) ? count : 0;

    /// <summary>Every rule's count since this worker started, by rule id.</summary>
    public IReadOnlyDictionary<long, long> Counts => new Dictionary<long, long>(_suppressed);

    /// <summary>Reads the rules from the store when the copy is older than <see cref="Refresh"/> (or was never read).</summary>
    public async Task RefreshIfDueAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        if (_readAt is { } last && now - last < Refresh) return;
        Volatile.Write(ref _rules, await store.ListSuppressionsAsync(cancellationToken));
        _readAt = now;
    }

    /// <summary>
    /// The alerts no active rule matches, and how many each rule kept out of this batch. Counted only through
    /// <see cref="Count"/>, once the batch is committed, so a batch that fails and is redelivered counts once.
    /// </summary>
    public (IReadOnlyList<Alert> Kept, IReadOnlyDictionary<long, int> Suppressed) Apply(IReadOnlyList<Alert> alerts)
    {
        var suppressed = new Dictionary<long, int>();
        var kept = SuppressionFilter.Apply(Rules, alerts, _clock.GetUtcNow(), rule => suppressed[rule.Id] = suppressed.GetValueOrDefault(rule.Id) + 1);
        return (kept, suppressed);
    }

    /// <summary>Adds a committed batch's suppressions to the per-rule counts.</summary>
    public void Count(IReadOnlyDictionary<long, int> suppressed)
    {
        foreach (var (rule, count) in suppressed) _suppressed.AddOrUpdate(rule, count, (_, total) => total + count);
    }
}
