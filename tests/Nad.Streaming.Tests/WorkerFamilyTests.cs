using Nad.Alerts;
using Nad.Alerts.Stores;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Training;
using Nad.Streaming.Connecting;
using Nad.Streaming.Publishing;
using Nad.Streaming.Working;
using Nad.Tests.Shared;

namespace Nad.Streaming.Tests;

/// <summary>A worker serving a family model stores the family with each alert, as the service does (issue 16 item 3).</summary>
[Collection(StreamingCollection.Name)]
public sealed class WorkerFamilyTests(ModelFixture model)
{
    [SkippableFact]
    public async Task A_worker_serving_a_family_model_stores_the_family_it_decided_with_each_alert()
    {
        await using var nats = await NatsServers.StartAsync(1);
        Skip.If(nats.SkipReason is not null, nats.SkipReason);
        // Every 40th row of the bundled training file (~3,150 rows, every family) trains the family model.
        var rows = NslKddReader.ReadRows(InputFile.Open(BundledData.Train), BundledData.Train).ToList();
        var training = rows.Where((_, i) => i % 40 == 0).ToList();
        var data = new ConnectionDataset("every 40th row", [.. training.Select(r => r.Record)], [.. training.Select(r => r.Label!.Value)]);
        var trainer = DetectorCatalog.Get("lightgbm").CreateTrainer(new TrainerSettings { Threads = 2, Target = PredictionTarget.Family });
        var detector = DetectorTraining.Train(trainer, data, new TrainingDataInfo("every 40th row", "test", training.Count));
        Assert.NotNull(detector.FamilyClassifier);

        await using var connection = await NatsEndpoint.ConnectAsync(nats.Url, "test", CancellationToken.None);
        var js = NatsEndpoint.JetStream(connection);
        var streams = new RecordStreams.Settings("FAMILY");
        await RecordStreams.EnsureStreamsAsync(js, streams, CancellationToken.None);
        // Held-out neptune (DoS) and portsweep (Probe) rows.
        var held = rows.Where((r, i) => i % 40 != 0 && r.Label?.Name is "neptune" or "portsweep").Take(400).ToArray();
        await new RecordPublisher(js, "nad.records.fam").PublishAsync(held.Select(r => (r.Record, (ConnectionEndpoints?)null)), "fam", "k", CancellationToken.None);

        var store = await AlertStores.OpenAsync(Path.Combine(model.Folder, "family.db"), CancellationToken.None);
        var worker = new ScoringWorker(js, detector, store, new WorkerSettings("family-worker", streams) { StopWhenIdle = TimeSpan.FromSeconds(1) });
        await worker.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
        var page = await store.QueryAsync(new AlertQuery(null, null, null, null, null, 1, 5000), CancellationToken.None);
        Assert.InRange(page.Total, 320, 400); // most of them flagged
        Assert.All(page.Items, a => Assert.Contains(a.Family, new[] { "DoS", "Probe", "R2L", "U2R" }));
        var byName = page.Items.ToDictionary(a => a.RecordId!, a => a.Family);
        var neptune = Enumerable.Range(0, held.Length).Where(i => held[i].Label?.Name == "neptune" && byName.ContainsKey($"fam/k/{i}")).ToArray();
        Assert.True(neptune.Count(i => byName[$"fam/k/{i}"] == "DoS") >= neptune.Length * 9 / 10);
    }
}
