using System.Net;
using System.Net.Sockets;
using System.Text;
using NATS.Client.JetStream;
using Nad.Streaming.Connecting;
using Nad.Streaming.Messages;
using Nad.Tests.Shared;
using Nad.Traffic.Extraction;

namespace Nad.Streaming.Tests;

/// <summary><c>nad publish --interface</c>: a live capture on loopback published by the built CLI, read back from the stream.</summary>
[Collection(StreamingCollection.Name)]
public sealed class PublishInterfaceTests
{
    private static void SkipUnlessLoopbackCapture()
    {
        Skip.IfNot(Environment.IsPrivilegedProcess, "live capture needs root (or CAP_NET_RAW): run as root to publish from lo");
        Skip.IfNot(LiveCapture.InterfaceNames().Contains("lo"), "this machine has no interface named lo");
    }

    [SkippableFact]
    public async Task Publish_from_lo_puts_every_connection_made_during_the_capture_on_the_stream()
    {
        SkipUnlessLoopbackCapture();
        await using var nats = await NatsServers.StartAsync(1);
        Skip.If(nats.SkipReason is not null, nats.SkipReason);
        var stderr = new StringBuilder();
        using var process = NadProcess.Start(
            ["publish", "--nats", nats.Url, "--subject", "nad.records.lo-test", "--stream", "LIVEIF", "--interface", "lo", "--duration", "8"], stderr);
        await WaitForCaptureAsync(process, stderr);

        // Twenty short exchanges with a local server while the capture runs.
        var port = await ExchangeAsync(20, TimeSpan.FromMilliseconds(50), () => process.HasExited);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        process.WaitForExit();
        var log = Text(stderr);
        Assert.True(process.ExitCode == 0, log);

        var batches = await ReadStreamAsync(nats.Url, "LIVEIF");
        var records = batches.Sum(b => b.Records.Count);
        Assert.Contains($"published {records:N0} of {records:N0} records", log); // nothing dropped
        // Each exchange is one record with its hosts and ports (the capture also saw the publisher's own NATS connection).
        var exchanges = batches.SelectMany(b => b.Connections ?? []).Where(c => c?.DestinationPort == port).ToArray();
        Assert.Equal(20, exchanges.Length);
        Assert.All(exchanges, c => Assert.Equal("127.0.0.1", c!.Value.SourceAddress.ToString()));
        // Ids lo-test/live-<random>/0.. without gap: one capture session, every record once.
        Assert.All(batches, b => Assert.Equal("lo-test", b.Source));
        Assert.Single(batches.Select(b => b.Key).Distinct(), k => k.StartsWith("live-", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(0, records).Select(i => (long)i), batches.OrderBy(b => b.First).SelectMany(b => Enumerable.Range(0, b.Records.Count).Select(i => b.First + i)));
    }

    [SkippableFact]
    public async Task Publish_from_lo_with_a_count_stops_by_itself_after_that_many_records()
    {
        SkipUnlessLoopbackCapture();
        await using var nats = await NatsServers.StartAsync(1);
        Skip.If(nats.SkipReason is not null, nats.SkipReason);
        var stderr = new StringBuilder();
        using var process = NadProcess.Start(
            ["publish", "--nats", nats.Url, "--subject", "nad.records.lo-count", "--stream", "LIVECOUNT", "--interface", "lo", "--count", "5", "--duration", "120"], stderr);
        await WaitForCaptureAsync(process, stderr);

        // Exchanges until the publisher has its five records and stops (long before its 120 s).
        await ExchangeAsync(200, TimeSpan.FromMilliseconds(100), () => process.HasExited);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, Text(stderr));
        Assert.Contains("published 5 of 5 records", Text(stderr));
        Assert.Equal(5, (await ReadStreamAsync(nats.Url, "LIVECOUNT")).Sum(b => b.Records.Count));
    }

    [Fact]
    public async Task A_wrong_interface_name_is_exit_2_naming_it_before_nats_is_reached()
    {
        // Nothing listens on port 1: had the command gone to NATS first, it would end with 69 (unavailable).
        var (code, stderr) = await NadProcess.RunAsync("publish", "--nats", "nats://127.0.0.1:1", "--subject", "nad.records.x", "--interface", "nad-no-such-if0");
        Assert.Equal(2, code);
        Assert.Contains("No interface named 'nad-no-such-if0'", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task Capture_limits_without_a_capture_two_inputs_and_a_bad_host_window_are_exit_2()
    {
        var data = TestData.TrainingFile;
        var (code, stderr) = await NadProcess.RunAsync("publish", "--nats", "nats://127.0.0.1:1", "--subject", "nad.records.x", "--data", data, "--count", "5");
        Assert.Equal(2, code);
        Assert.Contains("--duration and --count apply to a live capture (--interface) only", stderr);
        (code, stderr) = await NadProcess.RunAsync("publish", "--nats", "nats://127.0.0.1:1", "--subject", "nad.records.x", "--data", data, "--interface", "lo");
        Assert.Equal(2, code);
        Assert.Contains("Give exactly one input", stderr);
        (code, stderr) = await NadProcess.RunAsync("publish", "--nats", "nats://127.0.0.1:1", "--subject", "nad.records.x", "--interface", "lo", "--host-window", "0");
        Assert.Equal(2, code);
        Assert.Contains("--host-window must be at least 1 (got 0)", stderr);
    }

    private static string Text(StringBuilder stderr)
    {
        lock (stderr) return stderr.ToString();
    }

    private static async Task WaitForCaptureAsync(System.Diagnostics.Process process, StringBuilder stderr)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!Text(stderr).Contains("capturing on lo") && !process.HasExited && waited.Elapsed < TimeSpan.FromMinutes(1)) await Task.Delay(50);
        Assert.True(Text(stderr).Contains("capturing on lo"), "nad publish did not start capturing: " + Text(stderr));
    }

    /// <summary>Up to <paramref name="count"/> TCP exchanges (100 bytes up, 300 down, closed) with a loopback server; returns its port.</summary>
    private static async Task<int> ExchangeAsync(int count, TimeSpan pause, Func<bool> stop)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            for (var i = 0; i < count && !stop(); i++)
            {
                var server = Task.Run(async () =>
                {
                    using var accepted = await listener.AcceptTcpClientAsync();
                    var buffer = new byte[100];
                    await accepted.GetStream().ReadExactlyAsync(buffer);
                    await accepted.GetStream().WriteAsync(new byte[300]);
                });
                using (var client = new TcpClient())
                {
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    await client.GetStream().WriteAsync(new byte[100]);
                    await client.GetStream().ReadExactlyAsync(new byte[300]);
                }
                await server;
                await Task.Delay(pause);
            }
            return port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>Every message in the stream, read through the workers' consumer without acknowledging (they stay in the stream).</summary>
    private static async Task<List<RecordBatch>> ReadStreamAsync(string url, string stream)
    {
        await using var connection = await NatsEndpoint.ConnectAsync(url, "test-reader", CancellationToken.None);
        var js = NatsEndpoint.JetStream(connection);
        var messages = (long)(await js.GetStreamAsync(stream)).Info.State.Messages;
        Assert.True(messages > 0, $"stream {stream} is empty");
        var consumer = await RecordStreams.EnsureConsumerAsync(js, new RecordStreams.Settings(stream), CancellationToken.None);
        var batches = new List<RecordBatch>();
        await foreach (var message in consumer.FetchAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = (int)messages, Expires = TimeSpan.FromSeconds(5) }))
            batches.Add(RecordMessages.Decode(message.Headers, message.Data));
        Assert.Equal(messages, batches.Count);
        return batches;
    }
}
