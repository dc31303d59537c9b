using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Nad.Traffic.Tests;

namespace Nad.Service.Tests;

/// <summary>
/// POST /api/v1/score-capture on captures built here (PacketDotNet frames written by libpcap) and
/// on Zeek's own conn.log sample: records scored, alerts stored with hosts, bad uploads answered
/// 4xx, and the spooled temp file gone afterwards.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ScoreCaptureTests(TrainedModel model) : IDisposable
{
    private const string Victim = "10.0.0.80";
    private const int FloodSize = 300;
    private readonly string _spool = Directory.CreateTempSubdirectory("nad-spool-").FullName;
    private readonly string _scratch = Directory.CreateTempSubdirectory("nad-capture-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_spool, recursive: true); } catch (IOException) { }
        try { Directory.Delete(_scratch, recursive: true); } catch (IOException) { }
    }

    private TestService Service(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["Nad:CaptureSpoolDir"] = _spool, ["Nad:DefaultModels"] = "random-forest,isolation-forest" };
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        var service = new TestService(model, settings);
        File.Copy(model.UnsupervisedPath, Path.Combine(service.DataDir, "models", "isolation-forest.nadmodel"));
        return service;
    }

    private async Task<T> WithServiceAsync<T>(Func<HttpClient, Task<T>> test, Dictionary<string, string?>? extra = null)
    {
        using var service = Service(extra);
        try
        {
            return await test(service.CreateClient());
        }
        finally
        {
            service.Dispose();
            service.DeleteData();
        }
    }

    /// <summary>A SYN flood (300 spoofed sources, 1 ms apart, never answered) and one HTTP exchange before it.</summary>
    private byte[] FloodCapture()
    {
        var capture = new CaptureBuilder()
            .Tcp(0.000, "192.168.1.10", 40000, Victim, 80, "S", sequence: 100)
            .Tcp(0.001, Victim, 80, "192.168.1.10", 40000, "SA", sequence: 500, acknowledgment: 101)
            .Tcp(0.002, "192.168.1.10", 40000, Victim, 80, "A", sequence: 101, acknowledgment: 501)
            .Tcp(0.003, "192.168.1.10", 40000, Victim, 80, "PA", sequence: 101, acknowledgment: 501, payload: 200)
            .Tcp(0.010, Victim, 80, "192.168.1.10", 40000, "PA", sequence: 501, acknowledgment: 301, payload: 3000)
            .Tcp(0.011, "192.168.1.10", 40000, Victim, 80, "FA", sequence: 301, acknowledgment: 3501)
            .Tcp(0.012, Victim, 80, "192.168.1.10", 40000, "FA", sequence: 3501, acknowledgment: 302)
            .Tcp(0.013, "192.168.1.10", 40000, Victim, 80, "A", sequence: 302, acknowledgment: 3502);
        for (var i = 0; i < FloodSize; i++)
            capture.Tcp(1 + i * 0.001, $"172.16.{i / 250}.{i % 250 + 1}", 1024 + i, Victim, 80, "S", sequence: (uint)i);
        return File.ReadAllBytes(capture.Write(Path.Combine(_scratch, $"flood{Guid.NewGuid():N}.pcap")));
    }

    private static ByteArrayContent Body(byte[] bytes, string contentType = "application/vnd.tcpdump.pcap")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    private void AssertSpoolEmpty() => Assert.Empty(Directory.EnumerateFileSystemEntries(_spool));

    [Fact]
    public async Task A_syn_flood_capture_is_scored_per_connection_and_the_flood_is_stored_as_alerts_with_hosts()
    {
        var (answer, alerts) = await WithServiceAsync(async client =>
        {
            var response = await client.PostAsync("/api/v1/score-capture", Body(FloodCapture()));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var body = await TestService.ReadJsonAsync(response);
            var attacks = body.GetProperty("report").GetProperty("attacks").GetInt64();
            JsonElement page;
            for (var attempt = 0; ; attempt++)
            {
                page = await TestService.ReadJsonAsync(await client.GetAsync("/api/v1/alerts?pageSize=500"));
                if (page.GetProperty("total").GetInt64() >= attacks || attempt == 200) break;
                await Task.Delay(50); // the writer commits in the background
            }
            return (body, page);
        });
        AssertSpoolEmpty();

        var connections = answer.GetProperty("connections").EnumerateArray().ToList();
        Assert.Equal(FloodSize + 1, connections.Count);
        var report = answer.GetProperty("report");
        Assert.Equal("pcap", report.GetProperty("kind").GetString());
        Assert.Equal(FloodSize + 8, report.GetProperty("packetsRead").GetInt64());
        Assert.Equal(FloodSize + 8, report.GetProperty("packetsUsed").GetInt64());
        Assert.Equal(FloodSize + 1, report.GetProperty("records").GetInt64());

        var exchange = connections[0];
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(CaptureBuilder.StartSeconds), exchange.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(("192.168.1.10", 40000, Victim, 80), (exchange.GetProperty("source").GetString(), exchange.GetProperty("sourcePort").GetInt32(),
            exchange.GetProperty("destination").GetString(), exchange.GetProperty("destinationPort").GetInt32()));
        Assert.Equal(("tcp", "http", "SF"), (exchange.GetProperty("protocol").GetString(), exchange.GetProperty("service").GetString(), exchange.GetProperty("flag").GetString()));
        Assert.Contains("hot", exchange.GetProperty("notObserved").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("random-forest", exchange.GetProperty("supervised").GetProperty("model").GetProperty("name").GetString());
        Assert.Equal("isolation-forest", exchange.GetProperty("unsupervised").GetProperty("model").GetProperty("name").GetString());

        var flood = connections.Skip(1).ToList();
        Assert.All(flood, c => Assert.Equal("S0", c.GetProperty("flag").GetString()));
        var floodAttacks = flood.Count(c => c.GetProperty("verdict").GetString() == "attack");
        Assert.True(floodAttacks >= FloodSize * 9 / 10, $"only {floodAttacks} of {FloodSize} flood connections were called attacks");

        var stored = alerts.GetProperty("items").EnumerateArray().Where(a => a.GetProperty("endpoint").GetString() == "score-capture").ToList();
        Assert.Equal(report.GetProperty("attacks").GetInt64(), stored.Count);
        var floodAlert = stored.First(a => a.GetProperty("connection").GetProperty("sourceAddress").GetString()!.StartsWith("172.16.", StringComparison.Ordinal));
        Assert.Equal(Victim, floodAlert.GetProperty("connection").GetProperty("destinationAddress").GetString());
        Assert.Equal(80, floodAlert.GetProperty("connection").GetProperty("destinationPort").GetInt32());
        Assert.InRange(floodAlert.GetProperty("connection").GetProperty("sourcePort").GetInt32(), 1024, 1024 + FloodSize - 1);
        Assert.Equal("S0", floodAlert.GetProperty("record").GetProperty("flag").GetString());
    }

    [Fact]
    public async Task Zeeks_own_conn_log_is_scored_one_record_per_ipv4_row_as_json_lines_from_a_multipart_form()
    {
        var log = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "zeek-wikipedia.conn.log"));
        var lines = await WithServiceAsync(async client =>
        {
            var form = new MultipartFormDataContent();
            form.Add(Body(log, "text/plain"), "file", "../../conn.log"); // the client's name is never used
            var response = await client.PostAsync("/api/v1/score-capture?format=jsonl", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
            return (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        });
        AssertSpoolEmpty();

        var report = lines[^1].GetProperty("report");
        var connections = lines[..^1];
        Assert.Equal(34, connections.Count); // 34 rows, 3 of them IPv6 (extracted too)
        Assert.Equal("zeek-conn-log", report.GetProperty("kind").GetString());
        Assert.Equal(34, report.GetProperty("linesRead").GetInt64());
        Assert.Empty(report.GetProperty("rowsSkipped").EnumerateObject());
        Assert.Contains(report.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("upload: 34 rows have no readable ts", StringComparison.Ordinal));
        Assert.Equal(8, connections.Count(c => c.GetProperty("protocol").GetString() == "tcp" && c.GetProperty("flag").GetString() == "S1"));
        Assert.Equal(24, connections.Count(c => c.GetProperty("protocol").GetString() == "udp")); // 24 udp rows, 3 of them IPv6
        Assert.All(connections.Where(c => c.GetProperty("protocol").GetString() == "udp"), c => Assert.Equal("SF", c.GetProperty("flag").GetString()));
        Assert.All(connections, c => Assert.Contains("urgent", c.GetProperty("notObserved").EnumerateArray().Select(e => e.GetString())));
    }

    [Fact]
    public async Task Csv_answers_one_line_per_connection_then_the_report_as_comments()
    {
        var text = await WithServiceAsync(async client =>
            await (await client.PostAsync("/api/v1/score-capture?format=csv", Body(FloodCapture(), "application/octet-stream"))).Content.ReadAsStringAsync());
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("start,source,source_port,destination,destination_port,protocol,service,flag,verdict,", lines[0]);
        Assert.Equal(FloodSize + 1, lines.Count(l => !l.StartsWith('#')) - 1);
        Assert.StartsWith("2023-11-14T22:13:20.000000Z,192.168.1.10,40000,10.0.0.80,80,tcp,http,SF,", lines[1]);
        Assert.Contains($"# pcap: {FloodSize + 1} records,", text);
    }

    [Fact]
    public async Task A_spool_folder_that_cannot_be_written_answers_503_without_the_servers_path()
    {
        var blocker = Path.Combine(_scratch, "not-a-folder");
        File.WriteAllText(blocker, "a file where the spool folder should be");
        var spool = Path.Combine(blocker, "spool");
        var problem = await WithServiceAsync(async client =>
            await TestService.ProblemAsync(await client.PostAsync("/api/v1/score-capture", Body(FloodCapture())), 503),
            new() { ["Nad:CaptureSpoolDir"] = spool });
        Assert.Equal("Uploads cannot be stored now", problem.GetProperty("title").GetString());
        Assert.DoesNotContain(_scratch, problem.GetRawText());
        Assert.Contains("Nad:CaptureSpoolDir", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Garbage_text_truncated_empty_and_too_big_uploads_answer_4xx_problems_naming_what_is_wrong()
    {
        var small = new CaptureBuilder();
        for (var i = 0; i < 10; i++) small.Tcp(i * 0.01, "10.1.1.1", 20000 + i, "10.1.1.2", 80, "S");
        var capture = File.ReadAllBytes(small.Write(Path.Combine(_scratch, "small.pcap")));
        Assert.InRange(capture.Length, 200, 2048);
        var problems = await WithServiceAsync(async client =>
        {
            var result = new List<JsonElement>();
            async Task Post(HttpContent body, int status) => result.Add(await TestService.ProblemAsync(await client.PostAsync("/api/v1/score-capture", body), status));
            var garbage = new byte[2000];
            new Random(1).NextBytes(garbage);
            garbage[0] = 0x00; // not a gzip or pcap magic by chance
            await Post(Body(garbage), 400);
            await Post(Body(Encoding.UTF8.GetBytes("this is not a capture\nnor a conn.log\n"), "text/plain"), 400);
            await Post(Body(capture[..(capture.Length - 30)]), 400); // the last packet loses its tail
            await Post(Body(capture[..20]), 400); // cut inside the file header
            await Post(Body([]), 400);
            await Post(Body(FloodCapture()), 413); // over the 2,048-byte limit set below
            await Post(new StringContent("{}", Encoding.UTF8, "application/json"), 415);
            return result;
        }, new() { ["Nad:MaxCaptureBytes"] = "2048" });
        AssertSpoolEmpty();

        Assert.Contains("neither a packet capture (pcap, pcapng) nor a Zeek conn.log", problems[0].GetProperty("detail").GetString());
        Assert.Contains("zeek-conn-log", problems[1].GetProperty("title").GetString());
        Assert.Contains("#fields", problems[1].GetProperty("detail").GetString());
        Assert.Contains("cut short", problems[2].GetProperty("detail").GetString());
        Assert.Contains("pcap", problems[3].GetProperty("title").GetString());
        Assert.Contains("empty", problems[4].GetProperty("detail").GetString());
        Assert.Contains("2,048 bytes", problems[5].GetProperty("detail").GetString());
        Assert.All(problems, p => Assert.DoesNotContain(_spool, p.GetRawText()));
    }

    [Fact]
    public async Task An_alert_file_from_before_the_connection_columns_is_migrated_and_keeps_its_rows()
    {
        var dataDir = Directory.CreateTempSubdirectory("nad-service-old-").FullName;
        var database = Path.Combine(dataDir, "alerts.db");
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // The first schema, exactly as it was released.
            command.CommandText = """
                CREATE TABLE alerts (id INTEGER PRIMARY KEY AUTOINCREMENT, time_ms INTEGER NOT NULL, endpoint TEXT NOT NULL, label TEXT NOT NULL,
                    family TEXT, supervised_model TEXT, supervised_version TEXT, attack_probability REAL, unsupervised_model TEXT,
                    unsupervised_version TEXT, anomaly_score REAL, record TEXT NOT NULL);
                """;
            command.ExecuteNonQuery();
            command.CommandText = "INSERT INTO alerts (time_ms, endpoint, label, record) VALUES (1700000000000, 'detect', 'attack', $record)";
            command.Parameters.AddWithValue("$record", Nad.Core.Wire.RecordJsonWriter.ToJson(model.AnAttack));
            command.ExecuteNonQuery();
        }
        using var service = new TestService(model, new() { ["Nad:CaptureSpoolDir"] = _spool }, dataDir);
        try
        {
            var client = service.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/score-capture", Body(FloodCapture()))).StatusCode);
            JsonElement page;
            for (var attempt = 0; ; attempt++)
            {
                page = await TestService.ReadJsonAsync(await client.GetAsync("/api/v1/alerts?pageSize=500"));
                if (page.GetProperty("total").GetInt64() > 1 || attempt == 200) break;
                await Task.Delay(50);
            }
            var items = page.GetProperty("items").EnumerateArray().ToList();
            var old = Assert.Single(items, a => a.GetProperty("endpoint").GetString() == "detect");
            Assert.False(old.TryGetProperty("connection", out _)); // stored before hosts were kept: none
            Assert.Equal(model.AnAttack.Service, old.GetProperty("record").GetProperty("service").GetString());
            Assert.Contains(items, a => a.TryGetProperty("connection", out var c) && c.GetProperty("destinationAddress").GetString() == Victim);
        }
        finally
        {
            service.Dispose();
            service.DeleteData();
        }
    }
}
