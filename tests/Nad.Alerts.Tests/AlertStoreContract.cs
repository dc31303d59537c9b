using Nad.Core.Records;

namespace Nad.Alerts.Tests;

/// <summary>
/// What every <see cref="IAlertStore"/> must do, run once per store kind (<see cref="SqliteAlertStoreTests"/>,
/// <see cref="PostgresAlertStoreTests"/>) on real records of the bundled training file.
/// </summary>
public abstract class AlertStoreContract
{
    /// <summary>A new, empty store (skips the test when the store kind is not available here).</summary>
    protected abstract Task<IAlertStore> NewStoreAsync();

    private static readonly string Run = RecordIds.NewRequestKey();

    private static AlertQuery All(int pageSize = 5000) => new(null, null, null, null, null, 1, pageSize);

    private static async Task<IAlertStore> Initialized(Task<IAlertStore> created)
    {
        var store = await created;
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    [SkippableFact]
    public async Task Alerts_read_back_as_written_newest_first_with_record_connection_and_id()
    {
        var store = await Initialized(NewStoreAsync());
        var written = Enumerable.Range(0, 1234).Select(i => TrainingRows.AlertFor(i, Run)).ToArray();
        await store.AppendAsync(written, CancellationToken.None);

        var page = await store.QueryAsync(All(), CancellationToken.None);
        Assert.Equal(1234, page.Total);
        var read = page.Items.Reverse().ToArray();
        Assert.Equal(written.Select(a => a.RecordId), read.Select(a => a.RecordId));
        Assert.Equal(written.Select(a => string.Join(",", a.Record!.ToFields())), read.Select(a => string.Join(",", a.Record!.ToFields())));
        Assert.Equal(written.Select(a => a.Connection), read.Select(a => a.Connection));
        Assert.Equal(written.Select(a => (a.TimeUtc, a.Label, a.Family, a.SupervisedModel, a.AttackProbability)),
            read.Select(a => (a.TimeUtc, a.Label, a.Family, a.SupervisedModel, a.AttackProbability)));
        Assert.All(read, a => Assert.Null(a.RecordProblem));
        Assert.True(read.Zip(read.Skip(1)).All(p => p.First.Id < p.Second.Id), "ids grow in insertion order");
    }

    [SkippableFact]
    public async Task A_batch_written_again_stores_nothing_new()
    {
        var store = await Initialized(NewStoreAsync());
        var alerts = Enumerable.Range(0, 700).Select(i => TrainingRows.AlertFor(i, Run)).ToArray();
        var verdicts = Enumerable.Range(0, 1100).Select(i => new Verdict(RecordIds.For("test", Run, i), DateTimeOffset.UnixEpoch.AddDays(20000), Labels.Normal, i / 1100.0, "w1")).ToArray();
        await store.AppendAsync(verdicts, alerts, CancellationToken.None);
        // A redelivered message: the same records again, overlapping a new part (a worker that died after committing half of its work never does this, but a retried batch may).
        var again = Enumerable.Range(600, 200).Select(i => TrainingRows.AlertFor(i, Run)).ToArray();
        var verdictsAgain = Enumerable.Range(1000, 200).Select(i => verdicts.ElementAtOrDefault(i) ?? new Verdict(RecordIds.For("test", Run, i), DateTimeOffset.UnixEpoch, Labels.Attack, 1, "w2")).ToArray();
        await store.AppendAsync(verdictsAgain, again, CancellationToken.None);
        await store.AppendAsync(alerts[..10], CancellationToken.None);

        Assert.Equal(800, (await store.QueryAsync(All(), CancellationToken.None)).Total);
        Assert.Equal(new VerdictCount(1200, 1200), await store.CountVerdictsAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task Filters_combine_and_pages_walk_newest_first()
    {
        var store = await Initialized(NewStoreAsync());
        var written = Enumerable.Range(0, 3000).Select(i => TrainingRows.AlertFor(i, Run)).ToArray();
        await store.AppendAsync(written, CancellationToken.None);

        var dos = written.Count(a => a.Family == nameof(AttackFamily.DoS));
        Assert.InRange(dos, 100, 2900); // a mix, so the count below means something
        Assert.Equal(dos, (await store.QueryAsync(All() with { Family = "dos" }, CancellationToken.None)).Total); // case-insensitive
        Assert.Equal(written.Count(a => a.Label == Labels.Anomaly), (await store.QueryAsync(All() with { Label = Labels.Anomaly }, CancellationToken.None)).Total);
        Assert.Equal(3000, (await store.QueryAsync(All() with { Model = "random-forest" }, CancellationToken.None)).Total);
        Assert.Equal(0, (await store.QueryAsync(All() with { Model = "knn" }, CancellationToken.None)).Total);
        var from = written[1000].TimeUtc;
        var to = written[2000].TimeUtc;
        Assert.Equal(written.Count(a => a.TimeUtc >= from && a.TimeUtc < to && a.Label == Labels.Attack),
            (await store.QueryAsync(All() with { From = from, To = to, Label = Labels.Attack }, CancellationToken.None)).Total);

        var second = await store.QueryAsync(new AlertQuery(null, null, null, null, null, 2, 100), CancellationToken.None);
        Assert.Equal(written.Reverse().Skip(100).Take(100).Select(a => a.RecordId), second.Items.Select(a => a.RecordId));
    }

    [SkippableFact]
    public async Task The_summary_counts_what_was_stored_per_bucket_family_and_service()
    {
        var store = await Initialized(NewStoreAsync());
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var written = Enumerable.Range(0, 2000).Select(i => TrainingRows.AlertFor(i, Run, now - 3_000_000)).ToArray();
        await store.AppendAsync(written, CancellationToken.None);

        var since = DateTimeOffset.FromUnixTimeMilliseconds(now - 3_600_000);
        var summary = await store.SummarizeAsync(since, 60_000, CancellationToken.None);
        Assert.Equal(2000, summary.Total);
        Assert.Equal(written.GroupBy(a => a.TimeUtc.ToUnixTimeMilliseconds() / 60_000).ToDictionary(g => g.Key, g => (long)g.Count()), summary.PerBucket);
        Assert.Equal(written.GroupBy(a => a.Family ?? AlertSummary.NoFamily).Select(g => (g.Key, (long)g.Count())).OrderByDescending(p => p.Item2).ThenBy(p => p.Key, StringComparer.Ordinal),
            summary.ByFamily.Select(n => (n.Name, n.Count)).OrderByDescending(p => p.Count).ThenBy(p => p.Name, StringComparer.Ordinal));
        var services = written.GroupBy(a => a.Record!.Service).Select(g => (g.Key, (long)g.Count())).OrderByDescending(p => p.Item2).ToArray();
        Assert.Equal(services[0], (summary.ByService[0].Name, summary.ByService[0].Count));
        Assert.Equal(Math.Min(AlertSummary.TopN, services.Length), summary.ByService.Count);
        Assert.Equal(0, (await store.SummarizeAsync(DateTimeOffset.FromUnixTimeMilliseconds(now), 60_000, CancellationToken.None)).Total);
    }

    [SkippableFact]
    public async Task A_category_with_a_zero_character_is_kept_and_reads_back()
    {
        var store = await Initialized(NewStoreAsync());
        var real = TrainingRows.All[0].Record;
        var zero = new ConnectionRecord(real.ProtocolType, "ht\0tp", real.Flag, (double[])real.Numeric.Clone());
        await store.AppendAsync([TrainingRows.AlertFor(1, Run) with { Record = zero }, TrainingRows.AlertFor(2, Run)], CancellationToken.None);
        var page = await store.QueryAsync(All(), CancellationToken.None);
        Assert.Equal(["ht\0tp", TrainingRows.All[2].Record.Service], page.Items.Reverse().Select(a => a.Record!.Service));
        var summary = await store.SummarizeAsync(DateTimeOffset.UnixEpoch, 60_000, CancellationToken.None);
        // PostgreSQL text cannot hold a zero character: its summary names that service JSON-escaped.
        Assert.Contains(summary.ByService, n => n.Name is "ht\0tp" or "ht\\u0000tp");
    }

    [SkippableFact]
    public async Task Records_of_other_schemas_read_back_bit_for_bit_in_their_own_schema_beside_nsl_kdd_ones()
    {
        var store = await Initialized(NewStoreAsync());
        // Every row of the shipped UNSW-NB15 and CIC-IDS2017 samples (the CIC one has Infinity cells: their missing indicators set).
        var unsw = FlowRows.Unsw;
        var cic = FlowRows.Cic;
        Assert.Contains(cic.Records, r => r.Numeric[^4] == 1 || r.Numeric[^3] == 1); // Flow Bytes/s, Flow Packets/s (missing)
        Assert.Contains(cic.Records, r => r.Numeric.Any(v => v < 0)); // an absent -1, kept with its indicator
        var records = unsw.Records.Concat(cic.Records).Append(TrainingRows.All[7].Record).ToArray();
        var written = records.Select((r, i) => TrainingRows.AlertFor(i % 3000, Run + "-schemas-" + i) with { Record = r }).ToArray();
        await store.AppendAsync(written, CancellationToken.None);

        var read = (await store.QueryAsync(All(), CancellationToken.None)).Items.Reverse().ToArray();
        Assert.Equal(written.Select(a => a.RecordId), read.Select(a => a.RecordId));
        Assert.All(read, a => Assert.Null(a.RecordProblem));
        Assert.Equal(records.Select(Bits), read.Select(a => Bits(a.Record!)));
        Assert.Equal(records.Select(r => r.Schema.Name), read.Select(a => a.Record!.Schema.Name));
        Assert.Same(BuiltInSchemas.UnswNb15, read[0].Record!.Schema);

        // The top services: UNSW-NB15's own service column, CIC-IDS2017's none (empty), NSL-KDD's as before.
        var summary = await store.SummarizeAsync(DateTimeOffset.UnixEpoch, 60_000, CancellationToken.None);
        var services = records.GroupBy(r => r.Schema.Name == BuiltInSchemas.UnswNb15Name ? r.Categorical(1) : r.Schema.IsNslKdd ? r.Service : "")
            .ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(services[""], cic.Count); // CIC-IDS2017 has no service column
        Assert.Equal(Math.Min(AlertSummary.TopN, services.Count), summary.ByService.Count);
        Assert.All(summary.ByService, n => Assert.Equal(services[n.Name], n.Count)); // ties at the cut may pick either name
        Assert.Equal(services.Values.OrderDescending().Take(AlertSummary.TopN), summary.ByService.Select(n => n.Count).OrderDescending());
    }

    [SkippableFact]
    public async Task A_record_of_a_custom_schema_reads_with_its_resolver_and_without_it_names_the_schema()
    {
        var schema = new RecordSchema("lab-flows", [new SchemaColumn("proto", SchemaColumnKind.Categorical), new SchemaColumn("bytes", SchemaColumnKind.Numeric) { Missing = true },
            new SchemaColumn("note", SchemaColumnKind.Categorical)], null);
        var record = new ConnectionRecord(schema, ["tcp", "a\0b \"é\""], [-0.0, 1]);
        var store = await Initialized(NewStoreAsync());
        await store.AppendAsync([TrainingRows.AlertFor(4, Run) with { Record = record }], CancellationToken.None);

        var known = Reopen(store, new SchemaResolver(name => name == "lab-flows" ? schema : null));
        var read = Assert.Single((await known.QueryAsync(All(), CancellationToken.None)).Items);
        Assert.Null(read.RecordProblem);
        Assert.Same(schema, read.Record!.Schema);
        Assert.Equal(Bits(record), Bits(read.Record));

        var unknown = Assert.Single((await store.QueryAsync(All(), CancellationToken.None)).Items);
        Assert.Null(unknown.Record);
        Assert.Contains("schema 'lab-flows'", unknown.RecordProblem);
        Assert.Equal(1, (await Reopen(store).QueryAsync(All(), CancellationToken.None)).Total); // the row is kept
    }

    /// <summary>A record as text that differs whenever a value differs in any bit: schema, categories, numbers' IEEE bits.</summary>
    private static string Bits(ConnectionRecord record) =>
        record.Schema.Name + "|" + string.Join("|", Enumerable.Range(0, record.CategoricalCount).Select(record.Categorical)) + "|"
        + string.Join(",", record.Numeric.Select(v => BitConverter.DoubleToInt64Bits(v).ToString("x16", System.Globalization.CultureInfo.InvariantCulture)));

    [SkippableFact]
    public async Task Several_processes_initializing_together_migrate_once_and_again_is_a_no_op()
    {
        var first = await NewStoreAsync();
        var processes = Enumerable.Range(0, 3).Select(_ => Reopen(first)).Append(first).ToArray();
        await Task.WhenAll(processes.Select(p => Task.Run(() => p.InitializeAsync(CancellationToken.None))));
        await first.InitializeAsync(CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, LatestVersion), await SchemaVersionsAsync(first));
        await first.AppendAsync([TrainingRows.AlertFor(5, Run)], CancellationToken.None);
        Assert.Equal(1, (await first.QueryAsync(All(), CancellationToken.None)).Total);
    }

    [SkippableFact]
    public async Task Feedback_is_stored_with_who_and_when_replaces_an_older_one_and_filters_the_list()
    {
        var store = await Initialized(NewStoreAsync());
        await store.AppendAsync(Enumerable.Range(0, 30).Select(i => TrainingRows.AlertFor(i, Run)).ToArray(), CancellationToken.None);
        var stored = (await store.QueryAsync(All(), CancellationToken.None)).Items;
        var when = DateTimeOffset.FromUnixTimeMilliseconds(1_765_000_000_123);
        Assert.True(await store.SetFeedbackAsync(stored[3].Id, new AlertFeedback(FeedbackVerdicts.TruePositive, "ana", null, when), CancellationToken.None));
        var judged = new AlertFeedback(FeedbackVerdicts.FalsePositive, "bob", "the backup server", when.AddMinutes(1));
        Assert.True(await store.SetFeedbackAsync(stored[7].Id, judged with { Verdict = FeedbackVerdicts.TruePositive }, CancellationToken.None));
        Assert.True(await store.SetFeedbackAsync(stored[7].Id, judged, CancellationToken.None));
        Assert.False(await store.SetFeedbackAsync(stored.Max(a => a.Id) + 1000, judged, CancellationToken.None));

        var withFeedback = await store.QueryAsync(All() with { FeedbackOnly = true }, CancellationToken.None);
        Assert.Equal(new[] { stored[3].Id, stored[7].Id }.Order(), withFeedback.Items.Select(a => a.Id).Order());
        Assert.Equal(judged, withFeedback.Items.Single(a => a.Id == stored[7].Id).Feedback);
        Assert.Equal(stored[7].RecordId, withFeedback.Items.Single(a => a.Id == stored[7].Id).RecordId);
        Assert.Equal(28, (await store.QueryAsync(All(), CancellationToken.None)).Items.Count(a => a.Feedback is null));
    }

    [SkippableFact]
    public async Task Suppression_rules_are_stored_listed_and_deleted()
    {
        var store = await Initialized(NewStoreAsync());
        var created = DateTimeOffset.FromUnixTimeMilliseconds(1_765_000_000_000);
        var first = await store.AddSuppressionAsync(new SuppressionRule(0, "10.0.3.1", null, 80, "http", null, null, created, "ana", "scanner"), CancellationToken.None);
        var second = await store.AddSuppressionAsync(new SuppressionRule(0, null, "10.0.0.0/16", null, null, "random-forest", created.AddDays(1), created, "bob", null), CancellationToken.None);
        Assert.True(second.Id > first.Id && first.Id > 0);
        Assert.Equal([first, second], await store.ListSuppressionsAsync(CancellationToken.None));
        // Workers' counts add up per rule; a rule no longer stored is skipped.
        await store.AddSuppressedAsync(new Dictionary<long, long> { [first.Id] = 3, [second.Id] = 1 }, CancellationToken.None);
        await store.AddSuppressedAsync(new Dictionary<long, long> { [first.Id] = 4, [second.Id + 100] = 9 }, CancellationToken.None);
        Assert.Equal([7L, 1L], (await store.ListSuppressionsAsync(CancellationToken.None)).Select(r => r.StoredSuppressed));
        first = first with { StoredSuppressed = 7 };
        second = second with { StoredSuppressed = 1 };
        Assert.True(await store.DeleteSuppressionAsync(first.Id, CancellationToken.None));
        Assert.False(await store.DeleteSuppressionAsync(first.Id, CancellationToken.None));
        Assert.Equal([second], await store.ListSuppressionsAsync(CancellationToken.None));
    }

    protected abstract int LatestVersion { get; }

    /// <summary>Another store object on the same location, as another process would open it.</summary>
    protected abstract IAlertStore Reopen(IAlertStore store, SchemaResolver? schemas = null);

    /// <summary>The versions recorded in schema_version, ascending.</summary>
    protected abstract Task<IReadOnlyList<int>> SchemaVersionsAsync(IAlertStore store);
}
