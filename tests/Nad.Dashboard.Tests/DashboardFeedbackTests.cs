using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Nad.Core.Records;
using Nad.Core.Wire;
using Nad.Service.Dashboard;

namespace Nad.Dashboard.Tests;

/// <summary>
/// The feedback loop driven from the alerts page (feedback.js): a refused key says so, an alert is
/// marked false positive, "suppress similar" adds a rule from it, and the same records scored again
/// store no alert while the rule's count goes up; the rule is then deleted from the page.
/// </summary>
public sealed partial class DashboardTests
{
    // A host no other test uses, so the rule keeps only this test's records out of the shared store.
    private const string ScannerHost = "10.77.0.7";

    [Fact]
    public async Task Marking_a_false_positive_and_suppressing_similar_keeps_the_same_records_out_of_the_store()
    {
        var flood = ConnectionPresets.All.Single(p => p.Id == "syn-flood").Record;
        var start = new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
        var records = "[" + string.Join(",", Enumerable.Range(0, 5).Select(i => RecordJsonWriter.ToJson(flood,
            new ConnectionEndpoints(start.AddSeconds(i), HostAddress.From(IPAddress.Parse(ScannerHost)), 40000 + i, HostAddress.From(IPAddress.Parse("10.0.0.5")), 4444)))) + "]";
        // Other tests store hundreds of alerts in the same service: read only those stored from now on.
        var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        await PostAsync("/api/v2/detect", records);
        var first = await WaitForScannerAlertsAsync(since, 5);
        var judged = first.Min(a => a.GetProperty("id").GetInt64());

        await using var session = await OpenAsync();
        var page = session.Page;
        await session.GoAsync("alerts");
        var row = page.Locator($"#alerts tr[data-id='{judged}']");
        await Assertions.Expect(row.Locator(".feedback-state")).ToHaveTextAsync("not judged");

        // A wrong key is refused with a message that says what to do.
        await page.FillAsync("#admin-key", "not-the-key");
        await page.DispatchEventAsync("#admin-key", "change");
        await row.Locator("[data-feedback='false-positive']").ClickAsync();
        await Assertions.Expect(page.Locator("#feedback-message .error")).ToContainTextAsync("admin key was refused (HTTP 401)");

        await page.FillAsync("#admin-key", DashboardHost.AdminKey);
        await page.DispatchEventAsync("#admin-key", "change");
        await row.Locator("[data-feedback='false-positive']").ClickAsync();
        await Assertions.Expect(row.Locator(".feedback-state")).ToHaveTextAsync("false positive (admin)");
        using var client = Host.CreateClient();
        var stored = (await ScannerAlertsAsync(client, since)).Single(a => a.GetProperty("id").GetInt64() == judged);
        Assert.Equal("false-positive", stored.GetProperty("feedback").GetProperty("verdict").GetString());

        await row.Locator("[data-suppress]").ClickAsync();
        Assert.Equal(ScannerHost, await page.InputValueAsync("#rule-host"));
        Assert.Equal("4444", await page.InputValueAsync("#rule-port"));
        Assert.Equal(flood.Service, await page.InputValueAsync("#rule-service"));
        Assert.Equal("random-forest", await page.InputValueAsync("#rule-model"));
        await page.ClickAsync("#suppress-form button[type='submit']");
        var ruleRow = page.Locator("#suppressions tbody tr", new() { HasTextString = ScannerHost });
        await Assertions.Expect(ruleRow.Locator(".suppressed")).ToHaveTextAsync("0");
        var ruleId = await ruleRow.GetAttributeAsync("data-rule");

        try
        {
            // The same records again: the service still answers attack, the store gets nothing, the rule counts 5.
            await PostAsync("/api/v2/detect", records);
            await WaitForSuppressedAsync(client, ruleId!, 5);
            Assert.Equal(5, (await ScannerAlertsAsync(client, since)).Count);
            // The key stays for the tab (sessionStorage): a reload shows the rules again with no typing.
            await page.ReloadAsync();
            await page.Locator("main[data-ready='alerts']").WaitForAsync(new() { Timeout = 30_000 });
            Assert.Equal(DashboardHost.AdminKey, await page.InputValueAsync("#admin-key"));
            await Assertions.Expect(page.Locator($"#suppressions tr[data-rule='{ruleId}'] .suppressed")).ToHaveTextAsync("5");
            await Assertions.Expect(page.Locator($"#alerts tr[data-id='{judged}'] .feedback-state")).ToHaveTextAsync("false positive (admin)");
            await session.ScreenshotAsync("alerts-feedback");

            await page.ClickAsync($"[data-delete-rule='{ruleId}']");
            await Assertions.Expect(page.Locator($"#suppressions tr[data-rule='{ruleId}']")).ToHaveCountAsync(0);
        }
        finally
        {
            // Never leave the rule behind for the other tests sharing this service.
            using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/suppressions/{ruleId}");
            delete.Headers.Add("X-Api-Key", DashboardHost.AdminKey);
            await client.SendAsync(delete);
        }
        // The browser logs each refused request (the wrong key above) as "Failed to load resource"; the page showed it. Nothing else may fail.
        Assert.All(session.ConsoleErrors, e => Assert.StartsWith("Failed to load resource", e, StringComparison.Ordinal));
    }

    private static async Task<List<JsonElement>> ScannerAlertsAsync(HttpClient client, string since)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/alerts?pageSize=500&from={since}");
        return [.. page.GetProperty("items").EnumerateArray().Where(a =>
            a.TryGetProperty("connection", out var c) && c.ValueKind == JsonValueKind.Object && c.GetProperty("sourceAddress").GetString() == ScannerHost)];
    }

    private async Task<List<JsonElement>> WaitForScannerAlertsAsync(string since, int count)
    {
        using var client = Host.CreateClient();
        for (var i = 0; i < 100; i++)
        {
            var alerts = await ScannerAlertsAsync(client, since);
            if (alerts.Count >= count) return alerts;
            await Task.Delay(100);
        }
        Assert.Fail($"fewer than {count} alerts from {ScannerHost} were stored");
        return [];
    }

    private static async Task WaitForSuppressedAsync(HttpClient client, string ruleId, long count)
    {
        long suppressed = 0;
        for (var i = 0; i < 100; i++)
        {
            using var list = new HttpRequestMessage(HttpMethod.Get, "/api/v1/suppressions");
            list.Headers.Add("X-Api-Key", DashboardHost.AdminKey);
            var response = await client.SendAsync(list);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var rules = await response.Content.ReadFromJsonAsync<JsonElement>();
            suppressed = rules.EnumerateArray().Single(r => r.GetProperty("rule").GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) == ruleId)
                .GetProperty("suppressed").GetInt64();
            if (suppressed >= count) return;
            await Task.Delay(100);
        }
        Assert.Fail($"rule {ruleId} suppressed {suppressed} alerts, not {count}");
    }
}
