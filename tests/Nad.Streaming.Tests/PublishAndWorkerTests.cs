using System.Text;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Nad.Alerts;
using Nad.Alerts.Stores;
using Nad.Core.Detectors;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Wire;
using Nad.Streaming.Connecting;
using Nad.Streaming.Messages;
using Nad.Streaming.Publishing;
using Nad.Streaming.Working;
using Nad.Tests.Shared;

namespace Nad.Streaming.Tests;

/// <summary>Publisher and worker in this process against one real nats-server, alerts in SQLite.</summary>
[Collection(StreamingCollection.Name)]
public sealed class PublishAndWorkerTests(ModelFixture model)
{
    private static IEnumerable<(ConnectionRecord, ConnectionEndpoints?)> Rows(string path)
    {
        using var stream = InputFile.Open(path);
        foreach (var row in NslKddReader.ReadRows(stream, path)) yield return (row.Record, null);
    }

    private async Task<(IAlertStore Store, WorkerSummary Summary)> RunWorkerAsync(INatsJSContext js, RecordStreams.Settings streams, string database)
    {
        var store = await AlertStores.OpenAsync(Path.Combine(model.Folder, database), CancellationToken.None);
        var worker = new ScoringWorker(js, model.Detector, store, new WorkerSettings("test-worker", streams) { StopWhenIdle = TimeSpan.FromSeconds(1) });
        var summary = await worker.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
        return (store, summary);
    }

    [SkippableFact]
    public async Task Every_published_record_is_scored_once_even_when_the_file_is_published_twice()
    {
        await using var nats = await NatsServers.StartAsync(1);
        Skip.If(nats.SkipReason is not null, nats.SkipReason);
        await using var connection = await NatsEndpoint.ConnectAsync(nats.Url, "test", CancellationToken.None);
        var js = NatsEndpoint.JetStream(connection);
        var streams = new RecordStreams.Settings("TWICE");
        await RecordStreams.EnsureStreamsAsync(js, streams, CancellationToken.None);
        var file = TestData.FirstRows(Path.Combine(model.Folder, "twice.csv"), 2300);
        var key = RecordIds.FileKey(file);
        var publisher = new RecordPublisher(js, "nad.records.sensor1");

        var first = await publisher.PublishAsync(Rows(file), "sensor1", key, CancellationToken.None);
        var again = await publisher.PublishAsync(Rows(file), "sensor1", key, CancellationToken.None);
        Assert.Equal(new PublishSummary(2300, 5, 0, 0), first); // 4 x 500 + 300
        Assert.Equal(new PublishSummary(2300, 5, 5, 0), again); // every message a duplicate
        Assert.Equal(5L, (long)(await js.GetStreamAsync("TWICE")).Info.State.Messages);

        var (store, summary) = await RunWorkerAsync(js, streams, "twice.db");
        var records = Rows(file).Select(r => r.Item1).ToArray();
        var expectedAlerts = model.Detector.Score(records).Count(model.Detector.IsAttack);
        Assert.InRange(expectedAlerts, 100, 2200); // a mix, so the counts below mean something
        Assert.Equal((2300L, 5L, (long)expectedAlerts, 0L), (summary.Records, summary.Messages, summary.Alerts, summary.DeadLetters));
        Assert.Equal(new VerdictCount(2300, 2300), await store.CountVerdictsAsync(CancellationToken.None));
        var page = await store.QueryAsync(new AlertQuery(null, null, null, null, null, 1, 5000), CancellationToken.None);
        Assert.Equal(expectedAlerts, page.Total);
        // Each alert is its record: id sensor1/key/position names the row it came from.
        Assert.All(page.Items, a => Assert.Equal(records[int.Parse(a.RecordId!.Split('/')[2])].ToFields(), a.Record!.ToFields()));
        Assert.All(page.Items, a => Assert.Equal(Labels.Attack, a.Label));
        Assert.Equal(0L, (long)(await js.GetStreamAsync("TWICE")).Info.State.Messages); // work queue: acknowledged messages are gone
    }

    [SkippableFact]
    public async Task A_message_that_cannot_be_scored_goes_to_the_dead_letters_with_its_reason_and_the_rest_is_scored()
    {
        await using var nats = await NatsServers.StartAsync(1);
        Skip.If(nats.SkipReason is not null, nats.SkipReason);
        await using var connection = await NatsEndpoint.ConnectAsync(nats.Url, "test", CancellationToken.None);
        var js = NatsEndpoint.JetStream(connection);
        var streams = new RecordStreams.Settings("POISON");
        await RecordStreams.EnsureStreamsAsync(js, streams, CancellationToken.None);
        var file = TestData.FirstRows(Path.Combine(model.Folder, "poison.csv"), 600);
        var rows = Rows(file).Select(r => r.Item1).ToArray();
        var publisher = new RecordPublisher(js, "nad.records.sensor2");
        await publisher.PublishAsync(new RecordBatch("sensor2", "good", 0, rows[..500], null), CancellationToken.None);

        // A record whose srcbytes is text: the message never reads, however often it is delivered.
        var (body, headers) = RecordMessages.Encode(new RecordBatch("sensor2", "bad", 0, rows[500..], null));
        var poisoned = new System.Text.RegularExpressions.Regex("\"srcbytes\":[0-9.eE+-]+").Replace(Encoding.UTF8.GetString(body), "\"srcbytes\":\"lots\"", 1);
        (await js.PublishAsync("nad.records.sensor2", Encoding.UTF8.GetBytes(poisoned), headers: headers)).EnsureSuccess();
        // Not a message of nad publish at all.
        (await js.PublishAsync("nad.records.sensor2", "hello"u8.ToArray())).EnsureSuccess();

        var (store, summary) = await RunWorkerAsync(js, streams, "poison.db");
        Assert.Equal((500L, 2L), (summary.Records, summary.DeadLetters));
        Assert.Equal(new VerdictCount(500, 500), await store.CountVerdictsAsync(CancellationToken.None));

        var deadLetters = new List<INatsJSMsg<byte[]>>();
        var reader = await js.CreateOrderedConsumerAsync(StreamNames.DeadLetterStream("POISON"));
        await foreach (var message in reader.FetchAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 2, Expires = TimeSpan.FromSeconds(5) })) deadLetters.Add(message);
        Assert.Equal(2, deadLetters.Count);
        var reasons = deadLetters.Select(m => m.Headers![StreamNames.ReasonHeader].ToString()).ToArray();
        Assert.StartsWith("records do not read: [0].srcbytes:", reasons[0]);
        Assert.Equal($"header {StreamNames.SourceHeader} is missing (not a message of nad publish)", reasons[1]);
        Assert.Equal(poisoned, Encoding.UTF8.GetString(deadLetters[0].Data!)); // kept as it came, to fix and replay
        Assert.Equal("bad", deadLetters[0].Headers![StreamNames.KeyHeader].ToString());
        Assert.Equal("nad.records.sensor2", deadLetters[1].Headers![StreamNames.OriginalSubjectHeader].ToString());
    }
}
