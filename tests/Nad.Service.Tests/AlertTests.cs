using System.Net;
using System.Text.Json;
using Nad.Core.Wire;

namespace Nad.Service.Tests;

[Collection(ServiceCollection.Name)]
public sealed class AlertTests(TrainedModel model)
{
    private static async Task<JsonElement> WaitForAlertsAsync(HttpClient client, string query, int atLeast)
    {
        for (var attempt = 0; ; attempt++)
        {
            var page = await TestService.ReadJsonAsync(await client.GetAsync("/api/v1/alerts?" + query));
            if (page.GetProperty("total").GetInt64() >= atLeast || attempt == 200) return page;
            await Task.Delay(50); // the writer commits in the background
        }
    }

    [Fact]
    public async Task A_records_connection_object_is_stored_with_its_alert_and_a_bad_one_is_a_400_naming_each_field()
    {
        using var service = new TestService(model);
        try
        {
            var client = service.CreateClient();
            var start = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
            // As nad watch --post-to sends it: the record, then where it came from. The second record has none.
            var withContext = RecordJsonWriter.ToJson(model.AnAttack, new Core.Records.ConnectionEndpoints(start, Core.Records.HostAddress.From(IPAddress.Parse("2001:db8::7")), 40123, Core.Records.HostAddress.From(IPAddress.Parse("10.0.0.5")), 80));
            var response = await client.PostAsync("/api/v1/detect", TestService.Json($"[{withContext},{RecordJsonWriter.ToJson(model.AnAttack)}]"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await WaitForAlertsAsync(client, "pageSize=10", 2);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            var stored = Assert.Single(items, a => a.TryGetProperty("connection", out var c) && c.ValueKind == JsonValueKind.Object);
            var connection = stored.GetProperty("connection");
            Assert.Equal("2001:db8::7", connection.GetProperty("sourceAddress").GetString());
            Assert.Equal(40123, connection.GetProperty("sourcePort").GetInt32());
            Assert.Equal("10.0.0.5", connection.GetProperty("destinationAddress").GetString());
            Assert.Equal(80, connection.GetProperty("destinationPort").GetInt32());
            Assert.Equal(start, connection.GetProperty("startTime").GetDateTimeOffset());

            // Every wrong or missing connection field is named; nothing is stored or scored.
            var bad = withContext.Replace("\"src_port\":40123", "\"src_port\":70000").Replace("\"dst_addr\":\"10.0.0.5\"", "\"dst_addr\":\"10.0.0.999\"")
                .Replace("\"start_time\":\"2026-12-01T10:00:00+00:00\",", "");
            var refused = await client.PostAsync("/api/v1/detect", TestService.Json($"[{bad}]"));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var errors = (await TestService.ReadJsonAsync(refused)).GetProperty("errors");
            Assert.True(errors.TryGetProperty("[0].connection.src_port", out _), errors.ToString());
            Assert.True(errors.TryGetProperty("[0].connection.dst_addr", out _), errors.ToString());
            Assert.True(errors.TryGetProperty("[0].connection.start_time", out _), errors.ToString());
            var notObject = await client.PostAsync("/api/v1/supervised/predict", TestService.Json(RecordJsonWriter.ToJson(model.AnAttack)[..^1] + ",\"connection\":\"10.0.0.1\"}"));
            Assert.Equal(HttpStatusCode.BadRequest, notObject.StatusCode);
            Assert.Contains("connection", await notObject.Content.ReadAsStringAsync());
        }
        finally
        {
            service.Dispose();
            service.DeleteData();
        }
    }

    [Fact]
    public async Task Attacks_are_stored_with_record_verdict_and_model_and_can_be_filtered_and_paged()
    {
        using var service = new TestService(model);
        try
        {
            var client = service.CreateClient();
            var before = DateTimeOffset.UtcNow.AddSeconds(-1);
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/detect", TestService.Json(Enumerable.Repeat(model.AnAttack, 5)))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/supervised/predict", TestService.Json(model.ANormal))).StatusCode);

            var page = await WaitForAlertsAsync(client, "label=attack&model=random-forest", 5);
            Assert.Equal(5, page.GetProperty("total").GetInt64()); // the normal record raised none
            var alert = page.GetProperty("items")[0];
            Assert.Equal("attack", alert.GetProperty("label").GetString());
            Assert.Equal("detect", alert.GetProperty("endpoint").GetString());
            Assert.Equal("random-forest", alert.GetProperty("supervisedModel").GetString());
            Assert.Equal(12, alert.GetProperty("supervisedVersion").GetString()!.Length);
            Assert.True(alert.GetProperty("attackProbability").GetDouble() >= model.Threshold);
            Assert.Equal(model.AnAttack.Service, alert.GetProperty("record").GetProperty("service").GetString());
            Assert.Equal(model.AnAttack["srcbytes"], alert.GetProperty("record").GetProperty("srcbytes").GetDouble());

            var paged = await TestService.ReadJsonAsync(await client.GetAsync("/api/v1/alerts?pageSize=2&page=3"));
            Assert.Single(paged.GetProperty("items").EnumerateArray());
            Assert.Equal(5, paged.GetProperty("total").GetInt64());

            var window = Uri.EscapeDataString(before.ToString("O"));
            Assert.Equal(5, (await TestService.ReadJsonAsync(await client.GetAsync($"/api/v1/alerts?from={window}"))).GetProperty("total").GetInt64());
            Assert.Equal(0, (await TestService.ReadJsonAsync(await client.GetAsync($"/api/v1/alerts?to={window}"))).GetProperty("total").GetInt64());
            Assert.Equal(0, (await TestService.ReadJsonAsync(await client.GetAsync("/api/v1/alerts?label=anomaly"))).GetProperty("total").GetInt64());
            Assert.Equal(0, (await TestService.ReadJsonAsync(await client.GetAsync("/api/v1/alerts?model=other"))).GetProperty("total").GetInt64());
            Assert.Equal(0, (await TestService.ReadJsonAsync(await client.GetAsync("/api/v1/alerts?family=DoS"))).GetProperty("total").GetInt64()); // no family model yet
        }
        finally
        {
            service.Dispose();
            service.DeleteData();
        }
    }

    [Fact]
    public async Task A_bad_alert_query_names_each_bad_parameter()
    {
        using var service = new TestService(model);
        try
        {
            var response = await service.CreateClient().GetAsync("/api/v1/alerts?from=yesterday&label=bad&page=0&pageSize=100000&family=Normal&colour=red");
            var problem = await TestService.ProblemAsync(response, 400);
            Assert.Equal(["colour", "family", "from", "label", "page", "pageSize"], TestService.ErrorFields(problem).Order(StringComparer.Ordinal));
        }
        finally
        {
            service.Dispose();
            service.DeleteData();
        }
    }

    [Fact]
    public async Task An_answered_alert_survives_a_graceful_restart()
    {
        string dataDir;
        using (var first = new TestService(model))
        {
            dataDir = first.DataDir;
            var response = await first.CreateClient().PostAsync("/api/v1/supervised/predict", TestService.Json(Enumerable.Repeat(model.AnAttack, 300)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        } // graceful stop right after the answer: the writer drains its queue

        using var second = new TestService(model, dataDir: dataDir);
        try
        {
            var page = await TestService.ReadJsonAsync(await second.CreateClient().GetAsync("/api/v1/alerts"));
            Assert.Equal(300, page.GetProperty("total").GetInt64());
            Assert.True(File.Exists(Path.Combine(dataDir, "alerts.db")));
        }
        finally
        {
            second.Dispose();
            second.DeleteData();
        }
    }

    [Fact]
    public async Task A_damaged_stored_record_is_marked_and_the_other_alerts_still_list()
    {
        using var service = new TestService(model);
        try
        {
            var client = service.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/supervised/predict", TestService.Json(Enumerable.Repeat(model.AnAttack, 3)))).StatusCode);
            await WaitForAlertsAsync(client, "", 3);
            await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(service.DataDir, "alerts.db")};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var damage = connection.CreateCommand();
                damage.CommandText = "UPDATE alerts SET record = x'01ffff' WHERE id = (SELECT MIN(id) FROM alerts); " +
                                     "UPDATE alerts SET record = '[1,2' WHERE id = (SELECT MAX(id) FROM alerts)";
                Assert.Equal(2, await damage.ExecuteNonQueryAsync());
            }

            var response = await client.GetAsync("/api/v1/alerts");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var items = (await TestService.ReadJsonAsync(response)).GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(3, items.Count);
            foreach (var bad in new[] { items[0], items[2] }) // newest first: the text one, then the blob one
            {
                Assert.False(bad.TryGetProperty("record", out _));
                Assert.StartsWith("The stored record could not be read", bad.GetProperty("recordProblem").GetString());
                Assert.Equal("attack", bad.GetProperty("label").GetString()); // the rest of the alert is intact
            }
            Assert.Equal(model.AnAttack.Service, items[1].GetProperty("record").GetProperty("service").GetString());
            Assert.False(items[1].TryGetProperty("recordProblem", out _));
        }
        finally
        {
            service.Dispose();
            service.DeleteData();
        }
    }
}
