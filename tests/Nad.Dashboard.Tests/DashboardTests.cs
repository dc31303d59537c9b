using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nad.Core.Reading;
using Nad.Core.Wire;
using Nad.Service.Dashboard;
using Nad.Service.Models;

namespace Nad.Dashboard.Tests;

/// <summary>
/// The dashboard in a real browser: every page loads, the presets score with both detectors, a CSV
/// upload gives a sortable, filterable table and a download, alerts filter, the active model
/// switches with the admin key, and hostile text in a record shows as text everywhere.
/// Screenshots of each page land in bin/.../screenshots.
/// </summary>
public sealed partial class DashboardTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    private const string Script = "<script>alert(1)</script>";

    private DashboardHost Host => host; // for the other part of this class (DashboardApiTests.cs)

    [Fact]
    public async Task Every_page_loads_without_errors()
    {
        await PostAsync("/api/v2/detect", "[" + string.Join(",", TestRows(300).Select(RecordJsonWriter.ToJson)) + "]");
        await WaitForAlertsAsync(1);
        await using var session = await OpenAsync();
        foreach (var name in new[] { "overview", "score", "file", "alerts", "models" })
        {
            await session.GoAsync(name);
            Assert.Equal(0, await session.Page.Locator("main .error").CountAsync());
            Assert.Equal(name, await session.Page.Locator("nav a.current").GetAttributeAsync("data-page"));
            if (name == "overview")
            {
                await Assertions.Expect(session.Page.Locator("#overview-models")).ToContainTextAsync("random-forest");
                await Assertions.Expect(session.Page.Locator("#overview-models .headline").First).ToContainTextAsync("ROC-AUC");
                Assert.NotEqual("0", await session.Page.Locator("#scored-total").TextContentAsync());
            }
            if (name == "models")
            {
                var card = session.Page.Locator("[data-model='random-forest']");
                await Assertions.Expect(card.Locator(".evaluation table.matrix")).ToBeVisibleAsync();
                await Assertions.Expect(card.Locator(".evaluation svg[aria-label='ROC curve'] path")).ToHaveCountAsync(1);
                await Assertions.Expect(card.Locator(".importance svg rect").First).ToBeVisibleAsync();
            }
            await session.ScreenshotAsync(name);
        }
        Assert.Empty(session.ConsoleErrors);
    }

    [Theory]
    [InlineData("normal-http", "normal")]
    [InlineData("syn-flood", "attack")]
    [InlineData("port-sweep", "attack")]
    public async Task A_preset_scores_with_both_detectors_as_the_API_does(string preset, string supervisedLabel)
    {
        var record = ConnectionPresets.All.Single(p => p.Id == preset).Record;
        var api = JsonDocument.Parse(await PostAsync("/api/v2/detect", RecordJsonWriter.ToJson(record))).RootElement;
        Assert.Equal(supervisedLabel == "attack", api.GetProperty("supervised").GetProperty("attack").GetBoolean());
        var anomalous = api.GetProperty("unsupervised").GetProperty("attack").GetBoolean();

        await using var session = await OpenAsync();
        await session.GoAsync("score");
        var page = session.Page;
        await page.ClickAsync($"[data-preset='{preset}']");
        Assert.Equal(record.Service, await page.InputValueAsync("#f-service"));
        await page.ClickAsync("#score-button");
        var supervised = page.Locator("#verdict-supervised");
        var unsupervised = page.Locator("#verdict-unsupervised");
        await Assertions.Expect(supervised.Locator(".verdict")).ToHaveTextAsync(supervisedLabel);
        await Assertions.Expect(supervised).ToContainTextAsync($"attack score {api.GetProperty("supervised").GetProperty("score").GetDouble():0.0000}");
        // API v2's calibrated probability, in [0, 1], shown beside the score in the model's own units.
        var probability = api.GetProperty("supervised").GetProperty("probability").GetDouble();
        Assert.InRange(probability, 0, 1);
        await Assertions.Expect(supervised).ToContainTextAsync($"probability of attack {100 * probability:0.0}%");
        await Assertions.Expect(supervised.Locator("svg")).ToContainTextAsync("threshold");
        await Assertions.Expect(unsupervised).ToContainTextAsync(host.UnsupervisedName);
        await Assertions.Expect(unsupervised.Locator(".verdict")).ToHaveTextAsync(anomalous ? "anomalous" : "normal");
        await Assertions.Expect(unsupervised).ToContainTextAsync($"anomaly score {api.GetProperty("unsupervised").GetProperty("score").GetDouble():0.0000}");
        await Assertions.Expect(page.Locator("#verdict-combined .verdict")).ToHaveTextAsync(api.GetProperty("attack").GetBoolean() ? "attack" : "normal");
        await session.ScreenshotAsync("score-" + preset);
    }

    [Fact]
    public async Task Scoring_the_syn_flood_preset_shows_why_with_a_syn_error_feature_among_the_top_ones()
    {
        var record = ConnectionPresets.All.Single(p => p.Id == "syn-flood").Record;
        var api = JsonDocument.Parse(await PostAsync("/api/v1/explain", RecordJsonWriter.ToJson(record))).RootElement.GetProperty("supervised");
        var features = api.GetProperty("contributions").EnumerateArray().Select(c => c.GetProperty("feature").GetString()!).ToArray();

        await using var session = await OpenAsync();
        await session.GoAsync("score");
        var page = session.Page;
        await page.ClickAsync("[data-preset='syn-flood']");
        await page.ClickAsync("#score-button");
        var why = page.Locator("#why-supervised");
        await Assertions.Expect(why.Locator("svg.contributions rect")).ToHaveCountAsync(features.Length);
        var labels = await why.Locator("svg.contributions text.feature").AllTextContentsAsync();
        Assert.Equal(features, labels.Select(l => l.Split(" = ")[0]));
        Assert.Contains(labels, l => l.StartsWith("SYN error rates", StringComparison.Ordinal) || l.StartsWith("flag = S0", StringComparison.Ordinal));
        await Assertions.Expect(why.Locator(".counterfactual")).ToHaveTextAsync(api.GetProperty("counterfactual").GetProperty("sentence").GetString()!);
        await Assertions.Expect(page.Locator("#why-unsupervised")).ToContainTextAsync(host.UnsupervisedName);
        await session.ScreenshotAsync("score-why");
    }

    [Fact]
    public async Task A_csv_upload_gives_a_filterable_sortable_table_and_a_download()
    {
        const int rows = 150;
        var csv = Path.Combine(host.DataDir, "upload.csv");
        var lines = ReadLines(BundledData.TestPlus).Take(rows + 1).ToArray(); // header + rows
        Assert.StartsWith("duration,", lines[0]);
        await File.WriteAllLinesAsync(csv, lines);

        await using var session = await OpenAsync();
        var page = session.Page;
        await session.GoAsync("file");
        await page.SetInputFilesAsync("#csv-file", csv);
        await page.ClickAsync("#upload-button");
        await Assertions.Expect(page.Locator("#file-status")).ToContainTextAsync($"done: {rows} rows", new() { Timeout = 30_000 });
        var table = page.Locator("#results tbody tr");
        Assert.Equal(rows, await table.CountAsync());
        var attacks = await page.Locator("#results tbody .badge.attack").CountAsync();
        Assert.InRange(attacks, 1, rows - 1);

        await page.CheckAsync("#only-attacks");
        Assert.Equal(attacks, await table.CountAsync());
        Assert.Equal(0, await page.Locator("#results tbody .badge.normal").CountAsync());

        await page.ClickAsync("th[data-column='attack_probability']");
        await page.ClickAsync("th[data-column='attack_probability']"); // second click: descending
        var probabilities = (await page.Locator("#results tbody tr td:nth-child(5)").AllTextContentsAsync()).Select(double.Parse).ToArray();
        Assert.Equal(probabilities.OrderDescending(), probabilities);
        await session.ScreenshotAsync("file");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download"));
        var saved = Path.Combine(host.DataDir, "scored.csv");
        await download.SaveAsAsync(saved);
        var scored = await File.ReadAllLinesAsync(saved);
        Assert.Equal("row,line,verdict,label,attack_probability,anomaly_score,anomalous,unseen_categories", scored[0]);
        Assert.Equal(rows + 1, scored.Length);
        Assert.Equal(attacks, scored.Skip(1).Count(l => l.Split(',')[2] == "attack"));
    }

    [Fact]
    public async Task A_capture_upload_is_scored_per_connection_with_the_extraction_report()
    {
        // A SYN flood (200 spoofed sources, never answered) on one web server, built as a real pcap.
        var capture = new Nad.Traffic.Tests.CaptureBuilder();
        for (var i = 0; i < 200; i++) capture.Tcp(i * 0.001, $"172.16.0.{i + 1}", 1024 + i, "10.0.0.80", 80, "S", sequence: (uint)i);
        var path = capture.Write(Path.Combine(host.DataDir, "flood.pcap"));

        await using var session = await OpenAsync();
        var page = session.Page;
        await session.GoAsync("file");
        await page.SetInputFilesAsync("#csv-file", path);
        await page.ClickAsync("#upload-button");
        await Assertions.Expect(page.Locator("#file-status")).ToContainTextAsync("done: 200 connections", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#extraction-report")).ToContainTextAsync("pcap: 200 records");
        Assert.Equal(200, await page.Locator("#results tbody tr").CountAsync());
        Assert.Equal("10.0.0.80", await page.Locator("#results tbody tr:first-child td:nth-child(4)").TextContentAsync());
        Assert.True(await page.Locator("#results tbody .badge.attack").CountAsync() > 0, "the flood should raise attacks");
        await session.ScreenshotAsync("file-capture");

        // Its alerts name the hosts: wait until the writer has stored them, then open the newest.
        using var client = host.CreateClient();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var newest = JsonDocument.Parse(await client.GetStringAsync("/api/v1/alerts?pageSize=1")).RootElement.GetProperty("items");
            if (newest.GetArrayLength() > 0 && newest[0].TryGetProperty("connection", out _)) break;
            await Task.Delay(50);
        }
        await session.GoAsync("alerts");
        await page.Locator("#alerts tbody tr").First.ClickAsync();
        await Assertions.Expect(page.Locator("#alert-connection")).ToContainTextAsync("→ 10.0.0.80:80");
    }

    [Fact]
    public async Task Alerts_filter_by_label_model_and_time_and_open_one()
    {
        await PostAsync("/api/v1/unsupervised/score", "[" + string.Join(",", TestRows(400).Select(RecordJsonWriter.ToJson)) + "]");
        await PostAsync("/api/v2/supervised/predict", RecordJsonWriter.ToJson(ConnectionPresets.All.Single(p => p.Id == "syn-flood").Record));
        await WaitForAlertsAsync(2);

        await using var session = await OpenAsync();
        var page = session.Page;
        await session.GoAsync("alerts");
        await Assertions.Expect(page.Locator("#alerts tbody tr").First).ToBeVisibleAsync();

        await page.SelectOptionAsync("select[name='label']", "anomaly");
        await page.ClickAsync("#alert-filters button[type='submit']");
        await Assertions.Expect(page.Locator("#alert-count")).ToBeVisibleAsync();
        var labels = await page.Locator("#alerts tbody .badge").AllTextContentsAsync();
        Assert.NotEmpty(labels);
        Assert.All(labels, l => Assert.Equal("anomaly", l));

        await page.SelectOptionAsync("select[name='label']", "attack");
        await page.SelectOptionAsync("select[name='model']", "random-forest");
        await page.ClickAsync("#alert-filters button[type='submit']");
        await Assertions.Expect(page.Locator("#alerts tbody .badge.anomaly")).ToHaveCountAsync(0);
        Assert.All(await page.Locator("#alerts tbody tr td:nth-child(8)").AllTextContentsAsync(), p => Assert.NotEqual("—", p));

        await page.Locator("#alerts tbody tr").First.ClickAsync();
        await Assertions.Expect(page.Locator("#alert-detail h2").First).ToContainTextAsync("Alert ");
        await Assertions.Expect(page.Locator("#alert-record")).ToContainTextAsync("serrorrate");
        await Assertions.Expect(page.Locator("#alert-detail #why-supervised .counterfactual")).ToBeVisibleAsync();
        await session.ScreenshotAsync("alerts");

        await page.FillAsync("input[name='from']", DateTime.Now.AddDays(1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#alert-filters button[type='submit']");
        await Assertions.Expect(page.Locator("#no-alerts")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Switching_the_active_model_needs_the_admin_key()
    {
        var registry = host.Services.GetRequiredService<ModelRegistry>();
        await using var session = await OpenAsync();
        var page = session.Page;
        try
        {
            await session.GoAsync("models");
            var spare = page.Locator($"[data-activate='{DashboardHost.SpareModel}']");
            await page.FillAsync("#admin-key", "wrong");
            await spare.ClickAsync();
            await Assertions.Expect(page.Locator("#activate-message")).ToContainTextAsync("Missing or wrong API key");
            Assert.Equal("random-forest", registry.Supervised!.Name);

            await page.FillAsync("#admin-key", DashboardHost.AdminKey);
            await spare.ClickAsync();
            await Assertions.Expect(page.Locator("#activate-message")).ToContainTextAsync($"{DashboardHost.SpareModel} is now active");
            Assert.Equal(DashboardHost.SpareModel, registry.Supervised!.Name);
            await Assertions.Expect(page.Locator($"[data-model='{DashboardHost.SpareModel}'] .badge.active")).ToBeVisibleAsync();
        }
        finally
        {
            registry.Activate("random-forest");
        }
    }

    [Fact]
    public async Task A_record_with_a_script_as_its_service_shows_as_text_on_every_page()
    {
        var flood = ConnectionPresets.All.Single(p => p.Id == "syn-flood").Record;
        var hostile = new Nad.Core.Records.ConnectionRecord(flood.ProtocolType, Script, flood.Flag, flood.Numeric);
        var answer = JsonDocument.Parse(await PostAsync("/api/v1/detect", RecordJsonWriter.ToJson(hostile))).RootElement;
        Assert.Equal("attack", answer.GetProperty("verdict").GetString());
        // Enough copies that it leads the Overview's top services whatever the other tests sent.
        await PostAsync("/api/v1/detect", "[" + string.Join(",", Enumerable.Repeat(RecordJsonWriter.ToJson(hostile), 500)) + "]");
        await WaitForAlertsAsync(501);

        await using var session = await OpenAsync();
        var page = session.Page;
        await session.GoAsync("overview");
        await Assertions.Expect(page.Locator("#by-service")).ToContainTextAsync(Script[..21]); // the chart shortens long names; the tooltip has the rest
        Assert.Equal(1, await page.Locator("#by-service title", new() { HasTextString = Script }).CountAsync());

        await session.GoAsync("alerts");
        var cell = page.Locator("#alerts td.service", new() { HasTextString = Script }).First;
        await Assertions.Expect(cell).ToHaveTextAsync(Script);
        await cell.ClickAsync();
        await Assertions.Expect(page.Locator("#alert-record")).ToContainTextAsync("service " + Script);
        await session.ScreenshotAsync("xss-alerts");

        await session.GoAsync("score");
        await page.ClickAsync("[data-preset='syn-flood']");
        await page.FillAsync("#f-service", Script);
        await page.ClickAsync("#score-button");
        await Assertions.Expect(page.Locator("#verdict-combined")).ToContainTextAsync("never seen in training");

        Assert.Empty(session.Dialogs); // alert(1) never ran
        Assert.Equal(2, await page.Locator("script").CountAsync()); // only app.js and drift.js: nothing was parsed as markup
    }

    // ---------- helpers ----------

    private static IEnumerable<Nad.Core.Records.ConnectionRecord> TestRows(int count) =>
        NslKddReader.ReadRows(InputFile.Open(BundledData.TestPlus), BundledData.TestPlus).Take(count).Select(r => r.Record);

    private static IEnumerable<string> ReadLines(string gzipPath)
    {
        using var reader = new StreamReader(InputFile.Open(gzipPath));
        while (reader.ReadLine() is { } line) yield return line;
    }

    private async Task<string> PostAsync(string path, string json)
    {
        using var client = host.CreateClient();
        var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>Alerts are written in the background (group commit): wait until they are stored.</summary>
    private async Task WaitForAlertsAsync(int atLeast)
    {
        using var client = host.CreateClient();
        for (var i = 0; i < 100; i++)
        {
            var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/alerts?pageSize=1");
            if (page.GetProperty("total").GetInt64() >= atLeast) return;
            await Task.Delay(100);
        }
        Assert.Fail($"fewer than {atLeast} alerts were stored");
    }

    private async Task<BrowserSession> OpenAsync()
    {
        var context = await host.Browser.NewContextAsync(new() { BaseURL = host.BaseAddress.ToString(), ViewportSize = new() { Width = 1360, Height = 900 }, AcceptDownloads = true });
        return new BrowserSession(context, await context.NewPageAsync(), host.ScreenshotDir);
    }

    /// <summary>One browser context and page; records dialogs (an XSS would open one) and console errors.</summary>
    private sealed class BrowserSession : IAsyncDisposable
    {
        private readonly IBrowserContext _context;
        private readonly string _screenshots;

        public BrowserSession(IBrowserContext context, IPage page, string screenshots)
        {
            _context = context;
            _screenshots = screenshots;
            Page = page;
            page.Dialog += (_, dialog) =>
            {
                Dialogs.Add(dialog.Message);
                _ = dialog.DismissAsync();
            };
            page.Console += (_, message) => { if (message.Type == "error") ConsoleErrors.Add(message.Text); };
            page.PageError += (_, error) => ConsoleErrors.Add(error);
        }

        public IPage Page { get; }
        public List<string> Dialogs { get; } = [];
        public List<string> ConsoleErrors { get; } = [];

        public async Task GoAsync(string name)
        {
            await Page.GotoAsync($"dashboard/#/{name}");
            await Page.Locator($"main[data-ready='{name}']").WaitForAsync(new() { Timeout = 30_000 });
        }

        public Task ScreenshotAsync(string name) =>
            Page.ScreenshotAsync(new() { Path = Path.Combine(_screenshots, name + ".png"), FullPage = true });

        public async ValueTask DisposeAsync() => await _context.DisposeAsync();
    }
}
