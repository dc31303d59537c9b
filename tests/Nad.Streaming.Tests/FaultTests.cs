using System.Diagnostics;
using System.Text;
using NATS.Client.JetStream;
using Nad.Alerts;
using Nad.Alerts.Stores;
using Nad.Core.Detectors;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Streaming.Connecting;
using Nad.Streaming.Publishing;
using Nad.Tests.Shared;
using Xunit.Abstractions;

namespace Nad.Streaming.Tests;

/// <summary>
/// The fault test: a 3-node JetStream cluster (R3 stream and consumer), three worker processes of the
/// built nad, PostgreSQL; 200,000 records published while one worker is SIGKILLed and then the stream's leader
/// node is SIGKILLed (and restarted). Every record must end with exactly one verdict row and the alerts must
/// be exactly those the model raises: none lost, none doubled.
/// </summary>
[Collection(StreamingCollection.Name)]
public sealed class FaultTests(ModelFixture model, ITestOutputHelper output)
{
    private const int Total = 200_000;

    private static IEnumerable<(ConnectionRecord, ConnectionEndpoints?)> Rows(string path)
    {
        using var stream = InputFile.Open(path);
        foreach (var row in NslKddReader.ReadRows(stream, path)) yield return (row.Record, null);
    }

    [SkippableFact]
    public async Task Killing_a_worker_and_the_stream_leader_mid_run_loses_no_record_and_doubles_none()
    {
        await using var nats = await NatsServers.StartAsync(3);
        Skip.If(nats.SkipReason is not null, nats.SkipReason);
        await using var postgres = await PostgresServer.StartAsync();
        Skip.If(postgres.SkipReason is not null, postgres.SkipReason);
        var alertsUrl = postgres.Url(await postgres.CreateDatabaseAsync("fault"));
        var store = await AlertStores.OpenAsync(alertsUrl, CancellationToken.None);

        await using var connection = await NatsEndpoint.ConnectAsync(nats.Url, "fault-test", CancellationToken.None);
        var js = NatsEndpoint.JetStream(connection);
        // R3 needs all three nodes up when the stream is first created: create it (and the consumer) before anything fails.
        var streams = new RecordStreams.Settings("FAULT", Replicas: 3) { AckWait = TimeSpan.FromSeconds(5), MaxDeliver = 10 };
        await RecordStreams.EnsureConsumerAsync(js, streams, CancellationToken.None);

        // 200,000 records: the whole training file from sensor a, its first 74,027 rows again from sensor b (other ids).
        var partB = TestData.FirstRows(Path.Combine(model.Folder, "fault-b.csv"), Total - 125_973);
        var logs = Enumerable.Range(0, 3).Select(_ => new StringBuilder()).ToArray();
        var workers = Enumerable.Range(0, 3).Select(i => NadProcess.Start(
        [
            "worker", "--nats", nats.Url, "--stream", "FAULT", "--model", model.ModelPath, "--alerts", alertsUrl, "--name", $"w{i}",
            "--ack-wait", "5", "--max-deliver", "10", "--replicas", "3", "--stop-when-idle", "10",
        ], logs[i])).ToArray();
        try
        {
            var started = Stopwatch.StartNew();
            var publishing = Task.WhenAll(
                Task.Run(() => new RecordPublisher(js, "nad.records.a").PublishAsync(Rows(TestData.TrainingFile), "a", RecordIds.FileKey(TestData.TrainingFile), CancellationToken.None)),
                Task.Run(() => new RecordPublisher(js, "nad.records.b").PublishAsync(Rows(partB), "b", RecordIds.FileKey(partB), CancellationToken.None)));

            await WaitUntilAsync(async () => (await store.CountVerdictsAsync(CancellationToken.None)).Rows >= 40_000, TimeSpan.FromMinutes(3));
            workers[0].Kill(entireProcessTree: true); // SIGKILL: its unacknowledged messages come back after AckWait
            var verdictsAtKill = (await store.CountVerdictsAsync(CancellationToken.None)).Rows;
            var leader = await StreamLeaderAsync(js);
            nats.Kill(leader);
            output.WriteLine($"{started.Elapsed.TotalSeconds:0.0} s: killed worker w0 and stream leader {leader} at {verdictsAtKill:N0} verdicts");
            await Task.Delay(TimeSpan.FromSeconds(3));
            nats.Restart(leader);

            var published = await publishing.WaitAsync(TimeSpan.FromMinutes(4));
            output.WriteLine($"{started.Elapsed.TotalSeconds:0.0} s: published {published.Sum(p => p.Records):N0} records, {published.Sum(p => p.Retries)} retries, {published.Sum(p => p.Duplicates)} duplicates");
            await Task.WhenAll(workers[1..].Select(w => w.WaitForExitAsync())).WaitAsync(TimeSpan.FromMinutes(4));
            output.WriteLine($"{started.Elapsed.TotalSeconds:0.0} s: workers done");
            foreach (var log in logs) lock (log) output.WriteLine(log.ToString());

            Assert.Equal(Total, published.Sum(p => p.Records));
            Assert.All(workers[1..], w => Assert.Equal(0, w.ExitCode));
            Assert.Equal(new VerdictCount(Total, Total), await store.CountVerdictsAsync(CancellationToken.None));
            var records = Rows(TestData.TrainingFile).Concat(Rows(partB)).Select(r => r.Item1).ToArray();
            var expectedAlerts = model.Detector.Score(records).Count(model.Detector.IsAttack);
            Assert.Equal(expectedAlerts, (await store.QueryAsync(new AlertQuery(null, null, null, null, null, 1, 1), CancellationToken.None)).Total);
        }
        finally
        {
            foreach (var worker in workers.Where(w => !w.HasExited)) worker.Kill(entireProcessTree: true);
            foreach (var worker in workers) worker.Dispose();
            (store as IAsyncDisposable)?.DisposeAsync().AsTask().Wait();
        }
    }

    private static async Task<string> StreamLeaderAsync(INatsJSContext js)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return (await js.GetStreamAsync("FAULT")).Info.Cluster?.Leader ?? throw new InvalidOperationException("the stream has no leader");
            }
            catch (Exception) when (attempt < 20)
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not reached within {timeout}");
            await Task.Delay(100);
        }
    }
}
