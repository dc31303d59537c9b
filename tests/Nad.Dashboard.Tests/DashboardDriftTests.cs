using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Wire;

namespace Nad.Dashboard.Tests;

/// <summary>The drift panel (drift.js) in the browser: shifted traffic fills the forest's window and the panel warns, naming the shifted feature.</summary>
public sealed partial class DashboardTests
{
    [Fact]
    public async Task The_drift_panel_warns_when_the_scored_traffic_has_shifted()
    {
        // 5,000 normal KDDTrain+ rows the forest did not learn from (it has the first 3,000), sending 50 times the bytes: the whole default window.
        var shifted = NslKddReader.ReadRows(InputFile.Open(BundledData.Train), BundledData.Train).Skip(DashboardHost.TrainRows)
            .Where(r => !r.Label!.Value.IsAttack).Take(5000).Select(r =>
            {
                var numeric = (double[])r.Record.Numeric.Clone();
                numeric[NslKddSchema.Get("srcbytes").ValueIndex] *= 50;
                return new ConnectionRecord(r.Record.ProtocolType, r.Record.Service, r.Record.Flag, numeric);
            });
        await PostAsync("/api/v1/supervised/predict", "[" + string.Join(",", shifted.Select(RecordJsonWriter.ToJson)) + "]");
        using (var client = Host.CreateClient())
        {
            var drift = await client.GetFromJsonAsync<JsonElement>("/api/v1/drift");
            var forest = drift.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == "random-forest");
            Assert.Equal("significant", forest.GetProperty("level").GetString());
        }

        await using var session = await OpenAsync();
        // Console errors with where they came from; the browser's own favicon.ico request (404: the service has none) is not the page's.
        var errors = new List<string>();
        session.Page.Console += (_, m) => { if (m.Type == "error" && !m.Location.Contains("/favicon.ico", StringComparison.Ordinal)) errors.Add($"{m.Text} at {m.Location}"); };
        session.Page.PageError += (_, e) => errors.Add(e);
        await session.GoAsync("overview");
        var warning = session.Page.Locator("#drift-panel [data-drift-warning='random-forest']");
        await Assertions.Expect(warning).ToBeVisibleAsync();
        await Assertions.Expect(warning).ToContainTextAsync("Significant drift");
        await Assertions.Expect(warning).ToContainTextAsync("srcbytes");
        Assert.Equal("alert", await warning.GetAttributeAsync("role"));

        await session.Page.ClickAsync("#drift-details summary");
        var row = session.Page.Locator("#drift-panel tr[data-drift-model='random-forest']");
        Assert.Equal("significant", await row.GetAttributeAsync("data-level"));
        await Assertions.Expect(row).ToContainTextAsync("5,000 / 5,000");
        await session.ScreenshotAsync("drift-warning");
        Assert.True(errors.Count == 0, string.Join(" | ", errors));
    }
}
