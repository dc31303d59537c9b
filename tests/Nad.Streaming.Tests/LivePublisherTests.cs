using Nad.Alerts;
using Nad.Alerts.Stores;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Streaming.Connecting;
using Nad.Streaming.Publishing;
using Nad.Streaming.Working;
using Nad.Tests.Shared;

namespace Nad.Streaming.Tests;

/// <summary>The live publisher behind <c>nad watch --publish-to</c>, against a real nats-server.</summary>
[Collection(StreamingCollection.Name)]
public sealed class LivePublisherTests(ModelFixture model)
{
    [SkippableFact]
    public async Task Records_added_one_at_a_time_arrive_in_full_messages_and_a_quiet_link_flushes_after_the_linger()
    {
        await using var nats = await NatsServers.StartAsync(1);
        Skip.If(nats.SkipReason is not null, nats.SkipReason);
        await using var connection = await NatsEndpoint.ConnectAsync(nats.Url, "test", CancellationToken.None);
        var js = NatsEndpoint.JetStream(connection);
        var streams = new RecordStreams.Settings("LIVE");
        await RecordStreams.EnsureStreamsAsync(js, streams, CancellationToken.None);
        var file = TestData.FirstRows(Path.Combine(model.Folder, "live.csv"), 1234);
        using var input = InputFile.Open(file);
        var records = NslKddReader.ReadRows(input, file).Select(r => r.Record).ToArray();

        var publisher = new LivePublisher(js, "nad.records.tap0", "tap0", "live-test", TimeSpan.FromMilliseconds(300));
        // Seven records on a quiet link: published by the linger, not held until 500 arrive.
        foreach (var record in records[..7]) Assert.True(publisher.Add(record, null));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (publisher.Messages == 0 && waited.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(50);
        Assert.Equal((7L, 1L), (publisher.Published, publisher.Messages));

        foreach (var record in records[7..]) Assert.True(publisher.Add(record, null));
        await publisher.CompleteAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((1234L, 0L), (publisher.Published, publisher.Dropped));
        Assert.InRange(publisher.Messages, 4L, 8L); // 7, then mostly full messages of 500

        var store = await AlertStores.OpenAsync(Path.Combine(model.Folder, "live.db"), CancellationToken.None);
        var worker = new ScoringWorker(js, model.Detector, store, new WorkerSettings("live-worker", streams) { StopWhenIdle = TimeSpan.FromSeconds(1) });
        var summary = await worker.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(1234L, summary.Records);
        Assert.Equal(new VerdictCount(1234, 1234), await store.CountVerdictsAsync(CancellationToken.None));
        // Ids run tap0/live-test/0..1233 with no gap: every record once, in capture order.
        var page = await store.QueryAsync(new AlertQuery(null, null, null, null, null, 1, 5000), CancellationToken.None);
        Assert.All(page.Items, a => Assert.Equal(records[int.Parse(a.RecordId!.Split('/')[2])].ToFields(), a.Record!.ToFields()));
    }

    [SkippableFact]
    public async Task A_full_queue_drops_and_counts_instead_of_blocking_the_capture()
    {
        await using var nats = await NatsServers.StartAsync(1);
        Skip.If(nats.SkipReason is not null, nats.SkipReason);
        await using var connection = await NatsEndpoint.ConnectAsync(nats.Url, "test", CancellationToken.None);
        var js = NatsEndpoint.JetStream(connection);
        await RecordStreams.EnsureStreamsAsync(js, new RecordStreams.Settings("LIVEFULL"), CancellationToken.None);
        var file = TestData.FirstRows(Path.Combine(model.Folder, "livefull.csv"), 50);
        using var input = InputFile.Open(file);
        var record = NslKddReader.ReadRows(input, file).First().Record;

        var publisher = new LivePublisher(js, "nad.records.tap1", "tap1", "live-full", TimeSpan.FromSeconds(5), capacity: 10);
        var accepted = 0;
        for (var i = 0; i < 10_000; i++) accepted += publisher.Add(record, null) ? 1 : 0;
        await publisher.CompleteAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(10_000L, publisher.Published + publisher.Dropped);
        Assert.Equal(accepted, publisher.Published);
        Assert.True(publisher.Dropped > 0);
    }
}
