using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nad.Alerts;
using Nad.Core.Records;
using Nad.Core.Wire;

namespace Nad.Service.Tests;

[Collection(ServiceCollection.Name)]
public sealed class FeedbackTests(TrainedModel model)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static HostAddress Address(string text) => HostAddress.TryParse(text, out var a) ? a : throw new ArgumentException(text);

    // The same attack from one scanner, as a capture would report it again and again.
    private string FromScanner(int sourcePort) =>
        RecordJsonWriter.ToJson(model.AnAttack, new ConnectionEndpoints(Start, Address("10.9.8.7"), sourcePort, Address("10.0.0.5"), 8080));

    private static async Task<JsonElement[]> AlertsAsync(HttpClient client, int atLeast)
    {
        for (var attempt = 0; ; attempt++)
        {
            var page = await TestService.ReadJsonAsync(await client.GetAsync("/api/v1/alerts?pageSize=100"));
            if (page.GetProperty("total").GetInt64() >= atLeast || attempt == 200) return [.. page.GetProperty("items").EnumerateArray()];
            await Task.Delay(50); // the writer commits in the background
        }
    }

    private static async Task AnsweredAsync(HttpClient client, string json) =>
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/detect", TestService.Json(json))).StatusCode);

    [Fact]
    public async Task Feedback_is_stored_with_who_and_when_and_listed_bad_verdicts_are_400_unknown_alerts_404()
    {
        using var service = new TestService(model);
        try
        {
            var admin = service.AdminClient();
            await AnsweredAsync(admin, $"[{FromScanner(40000)}]");
            var alert = Assert.Single(await AlertsAsync(admin, 1));
            var id = alert.GetProperty("id").GetInt64();
            Assert.False(alert.TryGetProperty("feedback", out _));

            var anonymous = await service.CreateClient().PostAsync($"/api/v1/alerts/{id}/feedback", TestService.Json("""{"verdict":"false-positive"}"""));
            await TestService.ProblemAsync(anonymous, 401);
            var bad = await TestService.ProblemAsync(await admin.PostAsync($"/api/v1/alerts/{id}/feedback", TestService.Json("""{"verdict":"benign"}""")), 400);
            Assert.Equal(["verdict"], TestService.ErrorFields(bad));
            Assert.Contains("benign", bad.GetProperty("errors").GetProperty("verdict")[0].GetString());
            await TestService.ProblemAsync(await admin.PostAsync($"/api/v1/alerts/{id}/feedback", TestService.Json("{\"verdict\":")), 400);
            await TestService.ProblemAsync(await admin.PostAsync($"/api/v1/alerts/{id + 1000}/feedback", TestService.Json("""{"verdict":"true-positive"}""")), 404);

            var before = DateTimeOffset.UtcNow.AddSeconds(-1);
            var ok = await admin.PostAsync($"/api/v1/alerts/{id}/feedback", TestService.Json("""{"verdict":"false-positive","analyst":"ana","note":"our scanner"}"""));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            var feedback = Assert.Single(await AlertsAsync(admin, 1)).GetProperty("feedback");
            Assert.Equal("false-positive", feedback.GetProperty("verdict").GetString());
            Assert.Equal("ana", feedback.GetProperty("analyst").GetString());
            Assert.Equal("our scanner", feedback.GetProperty("note").GetString());
            Assert.InRange(feedback.GetProperty("timeUtc").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(1));
        }
        finally
        {
            service.Dispose();
            service.DeleteData();
        }
    }

    [Fact]
    public async Task A_suppression_rule_keeps_matching_alerts_out_of_the_store_counts_them_and_stops_when_deleted()
    {
        using var service = new TestService(model);
        try
        {
            var admin = service.AdminClient();
            var bad = await TestService.ProblemAsync(await admin.PostAsync("/api/v1/suppressions",
                TestService.Json("""{"host":"10.0.0.999","cidr":"10.0.0.0/40","port":70000,"expires":"2001-01-01T00:00:00Z"}""")), 400);
            Assert.Equal(["cidr", "expires", "host", "port"], TestService.ErrorFields(bad).Order());
            var empty = await TestService.ProblemAsync(await admin.PostAsync("/api/v1/suppressions", TestService.Json("{}")), 400);
            Assert.Equal(["rule"], TestService.ErrorFields(empty));
            await TestService.ProblemAsync(await service.CreateClient().GetAsync("/api/v1/suppressions"), 401);

            var created = await admin.PostAsync("/api/v1/suppressions", TestService.Json(
                $$"""{"host":"10.9.8.7","port":8080,"service":"{{model.AnAttack.Service}}","expires":"{{DateTimeOffset.UtcNow.AddHours(1):O}}","note":"scanner"}"""));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var ruleId = (await TestService.ReadJsonAsync(created)).GetProperty("rule").GetProperty("id").GetInt64();

            // Three matching records, one from elsewhere: only that one is stored.
            await AnsweredAsync(admin, $"[{FromScanner(40001)},{FromScanner(40002)},{FromScanner(40003)},{RecordJsonWriter.ToJson(model.AnAttack)}]");
            await AlertsAsync(admin, 1);
            await Task.Delay(300); // had the writer stored more, they would be there by now
            var stored = await AlertsAsync(admin, 1);
            Assert.Single(stored);
            Assert.False(stored[0].TryGetProperty("connection", out _));

            var rules = (await TestService.ReadJsonAsync(await admin.GetAsync("/api/v1/suppressions"))).EnumerateArray().ToArray();
            var rule = Assert.Single(rules);
            Assert.Equal(3, rule.GetProperty("suppressed").GetInt64());
            Assert.True(rule.GetProperty("active").GetBoolean());
            var metrics = await (await service.CreateClient().GetAsync("/metrics")).Content.ReadAsStringAsync();
            Assert.Matches($"nad_alerts_suppressed_total\\{{rule=\"{ruleId}\"\\}} 3\\b", metrics);
            // The service added its 3 to the rule's count in the store after the batch it stored (so they outlive a restart).
            var stored3 = (await service.Services.GetRequiredService<IAlertStore>().ListSuppressionsAsync(CancellationToken.None)).Single();
            Assert.Equal(3, stored3.StoredSuppressed);
            // nad workers add what they kept out to the same count: the list shows everyone's.
            await service.Services.GetRequiredService<IAlertStore>().AddSuppressedAsync(new Dictionary<long, long> { [ruleId] = 10 }, CancellationToken.None);
            rule = Assert.Single((await TestService.ReadJsonAsync(await admin.GetAsync("/api/v1/suppressions"))).EnumerateArray());
            Assert.Equal((13L, 13L), (rule.GetProperty("suppressed").GetInt64(), rule.GetProperty("rule").GetProperty("storedSuppressed").GetInt64()));

            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/suppressions/{ruleId}")).StatusCode);
            await TestService.ProblemAsync(await admin.DeleteAsync($"/api/v1/suppressions/{ruleId}"), 404);
            await AnsweredAsync(admin, $"[{FromScanner(40004)}]");
            Assert.Equal(2, (await AlertsAsync(admin, 2)).Length);
        }
        finally
        {
            service.Dispose();
            service.DeleteData();
        }
    }
}
