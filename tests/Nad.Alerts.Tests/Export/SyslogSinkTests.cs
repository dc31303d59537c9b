using Nad.Alerts.Export;

namespace Nad.Alerts.Tests.Export;

public sealed class SyslogSinkTests
{
    private static void AssertMessageFor(Alert alert, Rfc5424 message, int facility)
    {
        Assert.Equal(facility, message.Facility);
        Assert.Equal(alert.Label == Labels.Attack ? 3 : 4, message.Severity);
        Assert.Equal("nad", message.AppName);
        Assert.Equal("alert", message.MessageId);
        Assert.Equal("nad@32473", message.StructuredDataId);
        Assert.Equal(alert.Label, message.Params["label"]);
        Assert.Equal("random-forest", message.Params["rule"]);
        Assert.Equal(alert.AttackProbability!.Value, double.Parse(message.Params["score"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(alert.TimeUtc, DateTimeOffset.Parse(message.Timestamp, System.Globalization.CultureInfo.InvariantCulture));
        var doc = message.Document;
        Assert.Equal("alert", doc.GetProperty("event").GetProperty("kind").GetString());
        Assert.Equal(alert.Record!.Service, doc.GetProperty("network").GetProperty("protocol").GetString());
        if (alert.Connection is { } c) Assert.Equal(c.SourceAddress.ToString(), doc.GetProperty("source").GetProperty("ip").GetString());
    }

    [Fact]
    public async Task Udp_sends_one_RFC_5424_message_a_datagram()
    {
        using var receiver = new UdpSyslogReceiver();
        var alerts = ExportAlerts.Range(0, 30, ExportAlerts.NewRun());
        var sink = new SyslogSink(new SyslogSinkSettings { Port = receiver.Port, Transport = "udp", Facility = 16 }, new EcsDocument());
        await using (var pipeline = ExportAlerts.Pipeline(sink))
        {
            pipeline.Enqueue(alerts);
            await Poll.UntilAsync(() => receiver.Messages.Count >= alerts.Length, "30 datagrams");
            await pipeline.DrainAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(30, pipeline.Counted(sink.Name, ExportOutcome.Sent));
        }
        var byRecord = receiver.Messages.Select(Rfc5424.Parse).ToDictionary(m => m.Params["record"]);
        foreach (var alert in alerts) AssertMessageFor(alert, byRecord[alert.RecordId!], facility: 16);
    }

    [Fact]
    public async Task Tcp_frames_messages_by_octet_count()
    {
        using var receiver = new TcpSyslogReceiver();
        var alerts = ExportAlerts.Range(100, 40, ExportAlerts.NewRun());
        var sink = new SyslogSink(new SyslogSinkSettings { Port = receiver.Port, Transport = "tcp" }, new EcsDocument());
        await using var pipeline = ExportAlerts.Pipeline(sink);
        pipeline.Enqueue(alerts);
        await Poll.UntilAsync(() => receiver.Messages.Count >= alerts.Length, "40 framed messages");
        var messages = receiver.Messages.Select(Rfc5424.Parse).ToArray();
        Assert.Equal(alerts.Select(a => a.RecordId), messages.Select(m => m.Params["record"])); // one connection keeps the order
        foreach (var (alert, message) in alerts.Zip(messages)) AssertMessageFor(alert, message, facility: 4);
    }

    [Fact]
    public async Task Tcp_loses_nothing_while_the_receiver_restarts_and_counts_the_retries()
    {
        using var receiver = new TcpSyslogReceiver();
        var run = ExportAlerts.NewRun();
        var sink = new SyslogSink(new SyslogSinkSettings { Port = receiver.Port, Transport = "tcp", Retry = ExportAlerts.Quick(1000) }, new EcsDocument());
        await using var pipeline = ExportAlerts.Pipeline(sink, maxBatch: 25);
        string[] Received() => [.. receiver.Messages.Select(m => Rfc5424.Parse(m).Params["record"]).Distinct()];

        pipeline.Enqueue(ExportAlerts.Range(0, 100, run));
        await Poll.UntilAsync(() => Received().Length >= 100, "the first 100 before the restart");
        receiver.Stop(); // mid-stream: the connection and the listener go away
        for (var i = 1; i <= 4; i++)
        {
            pipeline.Enqueue(ExportAlerts.Range(100 * i, 100, run));
            await Task.Delay(100);
            if (i == 2) receiver.Start(); // back on the same port while alerts keep coming
        }
        Assert.True(await Task.Run(() => pipeline.DrainAsync(TimeSpan.FromSeconds(60))) == 0, "nothing dropped");

        var expected = ExportAlerts.Range(0, 500, run).Select(a => a.RecordId!).Order();
        Assert.Equal(expected, Received().Order());
        Assert.True(receiver.Connections >= 2, "reconnected");
        Assert.True(pipeline.Counted(sink.Name, ExportOutcome.Retried) > 0, "the batches sent while the receiver was down were retried");
        Assert.Equal(500, pipeline.Counted(sink.Name, ExportOutcome.Sent));
        Assert.Equal(0, pipeline.Counted(sink.Name, ExportOutcome.Dropped));
    }

    [Fact]
    public async Task A_full_queue_drops_and_counts_without_making_the_caller_wait()
    {
        // Nothing listens: the one batch taken waits in backoff while the queue (5) overflows.
        var settings = new SyslogSinkSettings
        {
            Port = WebhookReceiver.FreePort(),
            Transport = "tcp",
            Retry = new RetrySettings { MaxAttempts = 1000, InitialDelayMilliseconds = 60_000, MaxDelayMilliseconds = 60_000 },
        };
        var sink = new SyslogSink(settings, new EcsDocument());
        await using var pipeline = ExportAlerts.Pipeline(sink, capacity: 5, maxBatch: 5);
        foreach (var alert in ExportAlerts.Range(0, 100, ExportAlerts.NewRun())) pipeline.Enqueue([alert]);

        Assert.True(pipeline.Counted(sink.Name, ExportOutcome.Dropped) >= 90, $"dropped {pipeline.Counted(sink.Name, ExportOutcome.Dropped)}");
        Assert.True(pipeline.QueueDepth(sink.Name) <= 5);
        await pipeline.DrainAsync(TimeSpan.FromMilliseconds(200)); // the drain gives up on the one in backoff
        Assert.Equal(100, pipeline.Counted(sink.Name, ExportOutcome.Dropped));
        Assert.Equal(0, pipeline.Counted(sink.Name, ExportOutcome.Sent));
    }
}
