using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nad.Core.Records;
using Nad.Service.Dashboard;

namespace Nad.Dashboard.Tests;

/// <summary>The dashboard's own API calls and asset serving, over HTTP without the browser (same host as the browser tests).</summary>
public sealed partial class DashboardTests
{
    [Fact]
    public async Task The_schema_lists_the_41_columns_with_groups_descriptions_and_known_values()
    {
        using var client = Host.CreateClient();
        var schema = await client.GetFromJsonAsync<JsonElement>("/api/v1/schema");
        var columns = schema.GetProperty("columns").EnumerateArray().ToArray();
        Assert.Equal(NslKddSchema.Columns.Select(c => c.Name), columns.Select(c => c.GetProperty("name").GetString()));
        Assert.All(columns, c => Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("description").GetString())));
        Assert.Equal(4, columns.Select(c => c.GetProperty("group").GetString()).Distinct().Count());
        var services = schema.GetProperty("categories").GetProperty("service").EnumerateArray().Select(v => v.GetString()).ToArray();
        Assert.Contains("http", services);
        Assert.DoesNotContain("<unknown>", services);
    }

    [Fact]
    public async Task Bad_dashboard_requests_answer_problems_and_assets_are_only_the_embedded_ones()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Host.BaseAddress };
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/overview?hours=5")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/models/no-such-model/evaluation")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dashboard/../Nad.Service.dll")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dashboard/appsettings.json")).StatusCode);

        var redirect = await client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/dashboard/", redirect.Headers.Location?.OriginalString);

        var script = await client.GetAsync("/dashboard/app.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("default-src 'self'", script.Headers.GetValues("Content-Security-Policy").Single());
        // Every embedded script (app.js, drift.js, feedback.js), its comments aside: no innerHTML (0080), no CDN or outside link.
        var scripts = DashboardAssets.Names.Where(n => n.EndsWith(".js", StringComparison.Ordinal)).ToList();
        Assert.Contains("feedback.js", scripts);
        foreach (var name in scripts)
        {
            var code = string.Join("\n", (await client.GetStringAsync("/dashboard/" + name)).Split('\n')
                .Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            Assert.False(code.Contains("innerHTML", StringComparison.Ordinal), $"{name} uses innerHTML");
            Assert.False(code.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal).Contains("http://", StringComparison.Ordinal), $"{name} links outside");
        }
    }

    [Fact]
    public void The_roc_curve_steps_through_each_score_and_keeps_ties_together()
    {
        var curve = ModelInsights.Roc([true, false, true, false], [0.9, 0.8, 0.7, 0.1]);
        Assert.Equal([new(0, 0), new(0, 0.5), new(0.5, 0.5), new(0.5, 1), new(1, 1)], curve);
        Assert.Equal([new(0, 0), new(1, 1)], ModelInsights.Roc([true, false], [0.5, 0.5]));
        Assert.Empty(ModelInsights.Roc([true, true], [0.5, 0.4]));
    }
}
