using Nad.Alerts;
using Nad.Alerts.Stores;
using Nad.Core.Detectors;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Streaming.Connecting;
using Nad.Streaming.Publishing;
using Nad.Streaming.Working;
using Nad.Tests.Shared;
using Prometheus;

namespace Nad.Streaming.Tests;

/// <summary>A worker applies the alert store's suppression rules before storing, counts them per rule (metrics and store), and picks up a rule added while it runs.</summary>
[Collection(StreamingCollection.Name)]
public sealed class WorkerSuppressionTests(ModelFixture model)
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeMilliseconds(1_765_000_000_000);

    // Real training rows, each given a connection as a capture would: source 10.0.0.1-4 in turn, destination port 8080 on every fifth row, else 80.
    private static ConnectionEndpoints EndpointsOf(int i) => new(
        Created.AddSeconds(i), Host($"10.0.0.{i % 4 + 1}"), 40_000 + i, Host("192.168.1.10"), i % 5 == 0 ? 8080 : 80);

    private static HostAddress Host(string text) => HostAddress.TryParse(text, out var address) ? address : throw new ArgumentException(text);

    private static bool FromScanner(int i) => i % 4 == 0; // 10.0.0.1
    private static bool ToPort8080(int i) => i % 5 == 0;

    private static SuppressionRule Rule(string? host = null, int? port = null) => new(0, host, null, port, null, null, null, Created, "test", null);

    [SkippableFact]
    public async Task Alerts_matching_a_stored_rule_are_scored_and_counted_but_not_stored_and_a_rule_added_while_running_applies_after_the_refresh()
    {
        await using var nats = await NatsServers.StartAsync(1);
        Skip.If(nats.SkipReason is not null, nats.SkipReason);
        await using var connection = await NatsEndpoint.ConnectAsync(nats.Url, "test", CancellationToken.None);
        var js = NatsEndpoint.JetStream(connection);
        var streams = new RecordStreams.Settings("SUPPRESS");
        await RecordStreams.EnsureStreamsAsync(js, streams, CancellationToken.None);
        var file = TestData.FirstRows(Path.Combine(model.Folder, "suppress.csv"), 2000);
        using var input = InputFile.Open(file);
        var records = NslKddReader.ReadRows(input, file).Select(r => r.Record).ToArray();
        var scores = model.Detector.Score(records);
        var flagged = Enumerable.Range(0, records.Length).Where(i => model.Detector.IsAttack(scores[i])).ToArray();

        var store = await AlertStores.OpenAsync(Path.Combine(model.Folder, "suppress.db"), CancellationToken.None);
        var hostRule = await store.AddSuppressionAsync(Rule(host: "10.0.0.1"), CancellationToken.None);
        var worker = new ScoringWorker(js, model.Detector, store, new WorkerSettings("suppress-worker", streams) { SuppressionRefresh = TimeSpan.FromMilliseconds(300) });
        using var stop = new CancellationTokenSource();
        var run = worker.RunAsync(stop.Token);
        var publisher = new RecordPublisher(js, "nad.records.sensor3");
        var withEndpoints = records.Select((r, i) => (r, (ConnectionEndpoints?)EndpointsOf(i))).ToArray();

        // Round 1: only the host rule exists.
        await publisher.PublishAsync(withEndpoints, "sensor3", "first", CancellationToken.None);
        await WaitForRecordsAsync(worker, 2000);
        // Round 2: a port rule stored while the worker runs (as POST /api/v1/suppressions stores it) applies once the worker's copy is refreshed.
        var portRule = await store.AddSuppressionAsync(Rule(port: 8080), CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));
        await publisher.PublishAsync(withEndpoints, "sensor3", "second", CancellationToken.None);
        await WaitForRecordsAsync(worker, 4000);
        await stop.CancelAsync();
        var summary = await run.WaitAsync(TimeSpan.FromMinutes(1));

        var byHost = flagged.Count(FromScanner);
        var byPort = flagged.Count(i => !FromScanner(i) && ToPort8080(i)); // the host rule is older: it counts a row both match
        var keptFirst = flagged.Where(i => !FromScanner(i)).ToArray();
        var keptSecond = flagged.Where(i => !FromScanner(i) && !ToPort8080(i)).ToArray();
        Assert.True(byHost > 20 && byPort > 20 && keptSecond.Length > 20, $"a mix is needed: {byHost}, {byPort}, {keptSecond.Length} of {flagged.Length}");

        // Every record scored and its verdict stored; the suppressed alerts counted, per rule, and not stored.
        Assert.Equal(new VerdictCount(4000, 4000), await store.CountVerdictsAsync(CancellationToken.None));
        Assert.Equal((4000L, (long)(keptFirst.Length + keptSecond.Length), (long)(2 * byHost + byPort)), (summary.Records, summary.Alerts, summary.Suppressed));
        Assert.Equal((2L * byHost, (long)byPort), (worker.Suppressions.SuppressedBy(hostRule.Id), worker.Suppressions.SuppressedBy(portRule.Id)));
        // ... and in the rules' counts in the store, which the service's GET /api/v1/suppressions adds to its own.
        Assert.Equal([2L * byHost, byPort], (await store.ListSuppressionsAsync(CancellationToken.None)).Select(r => r.StoredSuppressed));
        var page = await store.QueryAsync(new AlertQuery(null, null, null, null, null, 1, 5000), CancellationToken.None);
        var expected = keptFirst.Select(i => RecordIds.For("sensor3", "first", i)).Concat(keptSecond.Select(i => RecordIds.For("sensor3", "second", i)));
        Assert.Equal(expected.Order(StringComparer.Ordinal), page.Items.Select(a => a.RecordId!).Order(StringComparer.Ordinal));
        Assert.All(page.Items, a => Assert.Equal(EndpointsOf(int.Parse(a.RecordId!.Split('/')[2])), a.Connection));

        // The same counts at /metrics, labelled by worker and rule.
        using var exported = new MemoryStream();
        await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(exported);
        var metrics = System.Text.Encoding.UTF8.GetString(exported.ToArray());
        Assert.Contains($"nad_worker_alerts_suppressed_total{{worker=\"suppress-worker\",rule=\"{hostRule.Id}\"}} {2 * byHost}", metrics);
        Assert.Contains($"nad_worker_alerts_suppressed_total{{worker=\"suppress-worker\",rule=\"{portRule.Id}\"}} {byPort}", metrics);
    }

    private static async Task WaitForRecordsAsync(ScoringWorker worker, long records)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (worker.Summary.Records < records && waited.Elapsed < TimeSpan.FromMinutes(2)) await Task.Delay(50);
        Assert.Equal(records, worker.Summary.Records);
    }
}
