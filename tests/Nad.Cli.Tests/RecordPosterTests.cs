using System.Net;
using System.Text.Json;
using Nad.Cli.Posting;
using Nad.Core.Detectors;
using Nad.Core.ModelFiles;
using Nad.Core.Reading;
using Nad.Core.Records;

namespace Nad.Cli.Tests;

/// <summary>
/// The <c>nad watch --post-to</c> poster against the real service on a Kestrel port: batches
/// scored and stored, a down service retried with backoff, a full queue dropping and counting
/// batches without blocking, a refused batch counted, the API key header sent.
/// </summary>
public sealed class RecordPosterTests(CliData data) : IClassFixture<CliData>
{
    private static readonly RecordPosterOptions Quick = new()
    {
        BatchSize = 100,
        FirstRetryDelay = TimeSpan.FromMilliseconds(50),
        MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        FlushInterval = TimeSpan.FromMinutes(1), // batches here are cut by size and by CompleteAsync only
    };

    private static ConnectionRecord[] TestRecords(int count) =>
        [.. NslKddReader.ReadRows(InputFile.Open(BundledData.TestPlus), BundledData.TestPlus).Take(count).Select(r => r.Record)];

    private static async Task<long> StoredAlertsAsync(HttpClient client, long atLeast)
    {
        for (var attempt = 0; ; attempt++)
        {
            var page = JsonDocument.Parse(await client.GetStringAsync("/api/v1/alerts?pageSize=1")).RootElement;
            var total = page.GetProperty("total").GetInt64();
            if (total >= atLeast || attempt == 200) return total;
            await Task.Delay(50); // the service's writer commits in the background
        }
    }

    [Fact]
    public async Task Batches_reach_the_service_which_scores_and_stores_the_attacks_and_the_api_key_is_sent()
    {
        var records = TestRecords(250);
        var detector = ModelFile.Load(data.ModelPath);
        var expectedAlerts = detector.Score(records).Count(detector.IsAttack);
        Assert.InRange(expectedAlerts, 1, 249); // a mix, so the count below means something

        await using var service = new KestrelService(data.ModelPath);
        var seen = new HeaderRecorder();
        PosterStats stats;
        await using (var poster = new RecordPoster(service.BaseAddress, "secret-key", Quick, seen))
        {
            // Each record with where it came from (as nad watch adds them): record i from 10.1.0.1 port 20000 + i.
            var start = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < records.Length; i++)
                poster.Add(records[i], new ConnectionEndpoints(start.AddSeconds(i), HostAddress.From(IPAddress.Parse("10.1.0.1")), 20000 + i, HostAddress.From(IPAddress.Parse("192.0.2.8")), 80));
            stats = await poster.CompleteAsync(TimeSpan.FromSeconds(30));
        }
        Assert.Equal(new PosterStats(250, 3, 0, 0, 0, 0, null), stats); // 100 + 100 + the partial 50
        Assert.Equal(["secret-key"], seen.ApiKeys.Distinct());
        // API v2: never a deprecated route.
        Assert.Equal(["/api/v2/detect"], seen.Paths.Distinct());
        Assert.Empty(seen.Deprecations);
        using var client = service.CreateClient();
        Assert.Equal(expectedAlerts, await StoredAlertsAsync(client, expectedAlerts));
        // Stored alerts keep the hosts and ports the records were sent with.
        var alerts = JsonDocument.Parse(await client.GetStringAsync("/api/v1/alerts?pageSize=500")).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(alerts);
        Assert.All(alerts, a =>
        {
            var connection = a.GetProperty("connection");
            Assert.Equal("10.1.0.1", connection.GetProperty("sourceAddress").GetString());
            Assert.InRange(connection.GetProperty("sourcePort").GetInt32(), 20000, 20249);
            Assert.Equal(80, connection.GetProperty("destinationPort").GetInt32());
        });
    }

    [Fact]
    public async Task A_down_service_is_retried_with_backoff_until_it_comes_up()
    {
        var port = KestrelService.FreePort();
        await using var poster = new RecordPoster(new Uri($"http://127.0.0.1:{port}/"), null, Quick);
        foreach (var record in TestRecords(200)) poster.Add(record);
        for (var i = 0; i < 400 && poster.Stats.FailedAttempts < 2; i++) await Task.Delay(25);
        Assert.True(poster.Stats.FailedAttempts >= 2, "the poster should have retried the down service");
        Assert.Equal(0, poster.Stats.RecordsSent);
        Assert.NotNull(poster.Stats.LastError);

        await using var service = new KestrelService(data.ModelPath, port);
        var stats = await poster.CompleteAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(200, stats.RecordsSent);
        Assert.Equal(0, stats.BatchesDropped);
    }

    [Fact]
    public async Task With_the_service_down_a_full_queue_drops_batches_counts_them_and_never_blocks_the_caller()
    {
        var port = KestrelService.FreePort();
        var options = Quick with { BatchSize = 10, QueuedBatches = 2 };
        await using var poster = new RecordPoster(new Uri($"http://127.0.0.1:{port}/"), null, options);
        foreach (var record in TestRecords(100)) poster.Add(record); // 10 batches: one being retried, 2 queued, the rest dropped
        var during = poster.Stats;
        Assert.InRange(during.BatchesDropped, 7, 10);
        Assert.Equal(during.BatchesDropped * 10, during.RecordsDropped);

        var stats = await poster.CompleteAsync(TimeSpan.FromMilliseconds(300)); // still down: what is left is dropped too
        Assert.Equal(0, stats.RecordsSent);
        Assert.Equal(10, stats.BatchesDropped);
        Assert.Equal(100, stats.RecordsDropped);
        Assert.Contains("10 batches (100 records) dropped", stats.Describe(poster.Service));
    }

    [Fact]
    public async Task A_batch_the_service_refuses_is_counted_as_rejected_not_retried()
    {
        await using var service = new KestrelService(data.ModelPath, settings: new() { ["Nad:MaxBatchRecords"] = "50" });
        await using var poster = new RecordPoster(service.BaseAddress, null, Quick);
        foreach (var record in TestRecords(100)) poster.Add(record); // one batch of 100 > 50
        var stats = await poster.CompleteAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((0, 1, 0), (stats.RecordsSent, stats.BatchesRejected, stats.FailedAttempts));
        Assert.StartsWith("400 ", stats.LastError); // the status and the service's own reason follow
        Assert.Contains("more than 50 records", stats.LastError);
    }

    [Fact]
    public void An_address_that_is_not_http_is_refused_with_exit_code_2()
    {
        var result = CliRunner.Run("watch", "--interface", "lo", "--model", data.ModelPath, "--post-to", "ftp://example.org", "--duration", "1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--post-to must be an http:// or https:// address", result.StdErr);
    }

    [Fact]
    public void Watch_publishing_to_a_port_where_no_nats_server_answers_exits_69_before_capturing()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var result = CliRunner.Run("watch", "--interface", "lo", "--model", data.ModelPath, "--publish-to", $"nats://127.0.0.1:{port}", "--duration", "1");
        Assert.Equal(69, result.ExitCode);
        Assert.Contains($"No NATS server answers at nats://127.0.0.1:{port}", System.Text.RegularExpressions.Regex.Replace(result.StdErr, @"\s+", " "));
    }

    [Fact]
    public void Watch_publishing_to_a_subject_that_is_not_one_sensors_exits_2()
    {
        var result = CliRunner.Run("watch", "--interface", "lo", "--model", data.ModelPath, "--publish-to", "nats://127.0.0.1:1", "--subject", "nad.records.a.b", "--duration", "1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--subject must be nad.records.<sensor>", System.Text.RegularExpressions.Regex.Replace(result.StdErr, @"\s+", " "));
    }

    [SkippableFact]
    public async Task Watch_on_loopback_posts_the_connections_it_sees_to_the_service()
    {
        await using var service = new KestrelService(data.ModelPath);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => NadApp.RunAsync(["watch", "--interface", "lo", "--model", data.ModelPath, "--post-to", service.BaseAddress.ToString()], stdout, stderr, stop.Token));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!stderr.ToString().Contains("watching") && !run.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50);
        if (run.IsCompleted)
        {
            Skip.If(run.Result == 2 && stderr.ToString().Contains("CAP_NET_RAW"), "live capture not permitted here (needs root or CAP_NET_RAW)");
            Assert.Fail("watch ended early: " + stderr);
        }

        // Two short exchanges with a local server: each is a connection the watcher finishes and posts.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        for (var i = 0; i < 2; i++)
        {
            var server = Task.Run(() =>
            {
                using var accepted = listener.AcceptTcpClient();
                accepted.GetStream().ReadExactly(new byte[50]);
                accepted.GetStream().Write(new byte[200]);
            });
            using (var client = new System.Net.Sockets.TcpClient())
            {
                client.Connect(System.Net.IPAddress.Loopback, port);
                client.GetStream().Write(new byte[50]);
                client.GetStream().ReadExactly(new byte[200]);
            }
            await server;
        }
        listener.Stop();
        await Task.Delay(2500); // the closed connections end, and a flush interval passes
        stop.Cancel();
        Assert.Equal(0, await run);

        var text = stderr.ToString();
        var scored = System.Text.RegularExpressions.Regex.Match(text, @"([\d,]+) connections scored").Groups[1].Value;
        Assert.True(long.Parse(scored, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture) >= 2, text);
        Assert.Contains($"posted {scored} records", text); // every record the watcher scored reached the service
        Assert.DoesNotContain("dropped", text);
    }

    /// <summary>Passes requests on to the real network, noting the X-Api-Key header of each.</summary>
    private sealed class HeaderRecorder() : DelegatingHandler(new SocketsHttpHandler())
    {
        public List<string> ApiKeys { get; } = [];
        public List<string> Paths { get; } = [];
        public List<string> Deprecations { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (ApiKeys)
            {
                if (request.Headers.TryGetValues("X-Api-Key", out var values)) ApiKeys.AddRange(values);
                Paths.Add(request.RequestUri!.AbsolutePath);
            }
            var response = await base.SendAsync(request, cancellationToken);
            lock (ApiKeys)
                if (response.Headers.TryGetValues("Deprecation", out var deprecated)) Deprecations.AddRange(deprecated);
            return response;
        }
    }
}
