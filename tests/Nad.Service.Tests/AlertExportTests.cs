using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Nad.Core.Records;
using Nad.Core.Wire;

namespace Nad.Service.Tests;

/// <summary>Alerts out end to end: records scored through the API come out as ECS lines, syslog datagrams and (here failing) webhook calls.</summary>
[Collection(ServiceCollection.Name)]
public sealed class AlertExportTests(TrainedModel model)
{
    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60); // generous: the machine is shared
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    private static double Metric(string metrics, string line) =>
        metrics.Split('\n').Where(l => l.StartsWith(line + " ", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(line.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault(-1);

    [Fact]
    public async Task Scored_attacks_go_out_as_ECS_lines_and_syslog_and_a_dead_webhook_is_counted_dropped_while_the_service_answers()
    {
        using var syslog = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var syslogPort = ((IPEndPoint)syslog.Client.LocalEndPoint!).Port;
        var deadPort = FreePort();
        var run = Guid.NewGuid().ToString("N")[..8];
        using var service = new TestService(model, new Dictionary<string, string?>
        {
            ["Nad:Export:Files:0:Path"] = $"exports/{run}.jsonl",
            ["Nad:Export:Syslog:0:Port"] = syslogPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Nad:Export:Webhooks:0:Name"] = run,
            ["Nad:Export:Webhooks:0:Url"] = $"http://127.0.0.1:{deadPort}/hook",
            ["Nad:Export:Webhooks:0:Retry:MaxAttempts"] = "2",
            ["Nad:Export:Webhooks:0:Retry:InitialDelayMilliseconds"] = "10",
        });
        try
        {
            var client = service.CreateClient();
            var start = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
            var fromTraffic = RecordJsonWriter.ToJson(model.AnAttack,
                new ConnectionEndpoints(start, HostAddress.From(IPAddress.Parse("10.1.2.3")), 40123, HostAddress.From(IPAddress.Parse("10.0.0.5")), 80));
            var response = await client.PostAsync("/api/v1/detect", TestService.Json($"[{fromTraffic},{RecordJsonWriter.ToJson(model.AnAttack)}]"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            var file = Path.Combine(service.DataDir, "exports", run + ".jsonl");
            await UntilAsync(() => Task.FromResult(File.Exists(file) && File.ReadAllLines(file).Length >= 2), "two ECS lines");
            var docs = File.ReadAllLines(file).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();
            Assert.Equal(2, docs.Length);
            Assert.All(docs, d =>
            {
                Assert.Equal("alert", d.GetProperty("event").GetProperty("kind").GetString());
                Assert.Equal("random-forest", d.GetProperty("rule").GetProperty("name").GetString());
                Assert.Equal(model.AnAttack.Service, d.GetProperty("network").GetProperty("protocol").GetString());
                Assert.True(d.GetProperty("nad").GetProperty("score").GetDouble() >= d.GetProperty("nad").GetProperty("threshold").GetDouble());
            });
            var traffic = Assert.Single(docs, d => d.TryGetProperty("source", out _));
            Assert.Equal("10.1.2.3", traffic.GetProperty("source").GetProperty("ip").GetString());
            Assert.Equal(80, traffic.GetProperty("destination").GetProperty("port").GetInt32());

            // The same two alerts as RFC 5424 datagrams: facility 4 (default), severity 3 (attack) → <35>.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var datagrams = new[] { await syslog.ReceiveAsync(timeout.Token), await syslog.ReceiveAsync(timeout.Token) }
                .Select(d => Encoding.UTF8.GetString(d.Buffer)).ToArray();
            Assert.All(datagrams, d => Assert.StartsWith("<35>1 ", d));
            Assert.Equal(docs.Select(d => d.GetProperty("nad").GetProperty("record_id").GetString()).Order(),
                datagrams.Select(d => JsonDocument.Parse(d[d.IndexOf("] {", StringComparison.Ordinal)..][2..]).RootElement.GetProperty("nad").GetProperty("record_id").GetString()).Order());

            // Nothing listens for the webhook: two attempts, then dropped and counted; the service keeps answering.
            var metrics = "";
            await UntilAsync(async () =>
            {
                metrics = await client.GetStringAsync("/metrics");
                return Metric(metrics, $"nad_alert_exports_total{{sink=\"webhook:{run}\",outcome=\"dropped\"}}") == 2;
            }, "the webhook's two alerts counted dropped");
            Assert.Equal(2, Metric(metrics, $"nad_alert_exports_total{{sink=\"webhook:{run}\",outcome=\"retried\"}}"));
            Assert.Equal(2, Metric(metrics, $"nad_alert_exports_total{{sink=\"file:{run}.jsonl\",outcome=\"sent\"}}"));
            Assert.Equal(0, Metric(metrics, $"nad_alert_export_queue_depth{{sink=\"webhook:{run}\"}}"));
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/detect", TestService.Json(model.AnAttack))).StatusCode);
        }
        finally
        {
            service.Dispose();
            service.DeleteData();
        }
    }

    [Fact]
    public void A_bad_export_setting_stops_the_start_naming_the_setting()
    {
        using var service = new TestService(model, new Dictionary<string, string?> { ["Nad:Export:Webhooks:0:Url"] = "siem.example/hook" });
        try
        {
            var error = Record.Exception(() => service.CreateClient());
            Assert.NotNull(error);
            var messages = string.Join(" | ", Flatten(error));
            Assert.Contains("Nad:Export:Webhooks:0:Url is 'siem.example/hook'; it must be an absolute http or https URL.", messages);
        }
        finally
        {
            service.DeleteData();
        }
    }

    private static IEnumerable<string> Flatten(Exception? e)
    {
        for (; e is not null; e = e.InnerException) yield return e.Message;
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
