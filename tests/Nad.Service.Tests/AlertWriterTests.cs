using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nad.Alerts;
using Nad.Service.Alerts;
using Nad.Service.Models;
using Nad.Service.Scoring;
using Nad.Service.Settings;

namespace Nad.Service.Tests;

[Collection(ServiceCollection.Name)]
public sealed class AlertWriterTests(TrainedModel model)
{
    /// <summary>Keeps every batch it is given, in order.</summary>
    private sealed class RecordingStore : IAlertStore
    {
        public List<int> Batches { get; } = [];
        public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task AppendAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
        {
            lock (Batches) Batches.Add(alerts.Count);
            return Task.CompletedTask;
        }

        public string Description => "recording";
        public Task AppendAsync(IReadOnlyList<Verdict> verdicts, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<AlertPage> QueryAsync(AlertQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<AlertSummary> SummarizeAsync(DateTimeOffset since, long bucketMs, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<VerdictCount> CountVerdictsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<bool> SetFeedbackAsync(long alertId, AlertFeedback feedback, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<SuppressionRule> AddSuppressionAsync(SuppressionRule rule, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<SuppressionRule>> ListSuppressionsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<bool> DeleteSuppressionAsync(long id, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task AddSuppressedAsync(IReadOnlyDictionary<long, long> countsByRule, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private Alert AnAlert => Scorer.AlertFor("predict", model.AnAttack, new SupervisedResult(Labels.Attack, 0.9, 0.5, new ModelRef("rf", "1"), null), null);

    [Fact]
    public async Task A_few_alerts_wait_for_the_next_ones_and_a_shutdown_during_the_wait_still_writes_them()
    {
        var store = new RecordingStore();
        var options = new NadServiceOptions { Alerts = { LingerMilliseconds = 1000, LingerBelow = 10 } };
        var writer = new AlertWriter(store, Options.Create(options), NullLogger<AlertWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        await writer.EnqueueAsync([AnAlert], CancellationToken.None);
        await Task.Delay(100); // the writer has woken to one alert and waits
        await writer.EnqueueAsync([AnAlert, AnAlert], CancellationToken.None);
        await Task.Delay(1500);
        lock (store.Batches) Assert.Equal([3], store.Batches); // one transaction, not two

        await writer.EnqueueAsync([AnAlert], CancellationToken.None);
        await Task.Delay(100);
        await writer.StopAsync(CancellationToken.None); // inside the wait: the alert is still written
        lock (store.Batches) Assert.Equal([3, 1], store.Batches);
        Assert.Equal(0, writer.Pending);
    }

    [Fact]
    public async Task A_full_request_is_written_at_once()
    {
        var store = new RecordingStore();
        var options = new NadServiceOptions { Alerts = { LingerMilliseconds = 5000, LingerBelow = 10 } };
        var writer = new AlertWriter(store, Options.Create(options), NullLogger<AlertWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        await writer.EnqueueAsync([.. Enumerable.Repeat(AnAlert, 10)], CancellationToken.None);
        for (var i = 0; i < 100 && writer.Pending > 0; i++) await Task.Delay(20);
        Assert.Equal(0, writer.Pending); // written within 2 s: no wait for the 5 s linger
        await writer.StopAsync(CancellationToken.None);
        lock (store.Batches) Assert.Equal([10], store.Batches);
    }
}
