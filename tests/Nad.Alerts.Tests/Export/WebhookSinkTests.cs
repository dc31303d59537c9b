using System.Text;
using System.Text.Json;
using Nad.Alerts.Export;

namespace Nad.Alerts.Tests.Export;

public sealed class WebhookSinkTests
{
    private const string Secret = "s3cret-for-tests";

    [Fact]
    public async Task A_503_with_Retry_After_is_retried_signed_with_the_same_idempotency_key()
    {
        using var receiver = new WebhookReceiver((503, "1"));
        var alerts = ExportAlerts.Range(0, 10, ExportAlerts.NewRun());
        // Backoff starts at 20 ms; the receiver's Retry-After (1 s, under the 5 s cap) is what the sink waits.
        var retry = new RetrySettings { MaxAttempts = 5, InitialDelayMilliseconds = 20, MaxDelayMilliseconds = 5000 };
        var sink = new WebhookSink(new WebhookSinkSettings { Url = receiver.Url, Secret = Secret, Retry = retry }, new EcsDocument());
        await using var pipeline = ExportAlerts.Pipeline(sink);
        pipeline.Enqueue(alerts);
        await pipeline.DrainAsync(TimeSpan.FromSeconds(60));

        var requests = receiver.Requests.ToArray();
        Assert.Equal(503, requests[0].Answered);
        Assert.Equal(200, requests[1].Answered);
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Equal(requests[0].IdempotencyKey, requests[1].IdempotencyKey);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(0.9), "Retry-After: 1 was honoured over the 20 ms backoff");
        foreach (var request in requests)
        {
            Assert.Equal(WebhookSink.Signature(Encoding.UTF8.GetBytes(Secret), request.Body), request.Signature);
            Assert.StartsWith("application/json", request.ContentType);
            var batch = JsonDocument.Parse(request.Body).RootElement;
            Assert.Equal(batch[0].GetProperty("nad").GetProperty("record_id").GetString(), request.IdempotencyKey);
        }
        var delivered = requests.Where(r => r.Answered == 200)
            .SelectMany(r => JsonDocument.Parse(r.Body).RootElement.EnumerateArray().Select(d => d.GetProperty("nad").GetProperty("record_id").GetString()));
        Assert.Equal(alerts.Select(a => a.RecordId), delivered);
        var firstBatch = JsonDocument.Parse(requests[0].Body).RootElement.GetArrayLength();
        Assert.Equal(firstBatch, pipeline.Counted(sink.Name, ExportOutcome.Retried));
        Assert.Equal(10, pipeline.Counted(sink.Name, ExportOutcome.Sent));
        Assert.Equal(0, pipeline.Counted(sink.Name, ExportOutcome.Dropped));
    }

    [Fact]
    public async Task A_receiver_that_stays_down_gets_the_batch_dropped_after_the_last_attempt()
    {
        var url = $"http://127.0.0.1:{WebhookReceiver.FreePort()}/hook/";
        var sink = new WebhookSink(new WebhookSinkSettings { Url = url, Retry = ExportAlerts.Quick(3) }, new EcsDocument());
        await using var pipeline = ExportAlerts.Pipeline(sink);
        pipeline.Enqueue(ExportAlerts.Range(0, 7, ExportAlerts.NewRun()));
        await pipeline.DrainAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(7, pipeline.Counted(sink.Name, ExportOutcome.Dropped));
        Assert.Equal(14, pipeline.Counted(sink.Name, ExportOutcome.Retried)); // each alert sent three times: two retries
        Assert.Equal(0, pipeline.Counted(sink.Name, ExportOutcome.Sent));
    }

    [Fact]
    public async Task A_400_is_not_retried()
    {
        using var receiver = new WebhookReceiver((400, null));
        var sink = new WebhookSink(new WebhookSinkSettings { Url = receiver.Url, Retry = ExportAlerts.Quick(5) }, new EcsDocument());
        await using var pipeline = ExportAlerts.Pipeline(sink);
        pipeline.Enqueue([TrainingRows.AlertFor(0, ExportAlerts.NewRun())]);
        await pipeline.DrainAsync(TimeSpan.FromSeconds(60));

        Assert.Single(receiver.Requests);
        Assert.Null(receiver.Requests.Single().Signature); // no secret, no signature
        Assert.Equal(1, pipeline.Counted(sink.Name, ExportOutcome.Dropped));
        Assert.Equal(0, pipeline.Counted(sink.Name, ExportOutcome.Retried));
    }
}
