using System.Text.Json;
using Nad.Core.Exploration;
using Nad.Core.Reading;
using Nad.Core.Records;

namespace Nad.Reports.Tests;

/// <summary>report.html and report.json written from a real slice of KDDTest+ compared with KDDTest-21.</summary>
public sealed class ExplorationReportWriterTests
{
    private static readonly Lazy<(ExplorationReport Report, string Html, string Json)> Written = new(() =>
    {
        var data = Slice(NslKddReader.ReadFile(BundledData.TestPlus), 3000);
        var compare = Slice(NslKddReader.ReadFile(BundledData.Test21), 1500);
        var report = DatasetExplorer.Explore(data, compare);
        var folder = Path.Combine(Path.GetTempPath(), "nad-reports-tests", Guid.NewGuid().ToString("N"), "explore");
        var (html, json) = ExplorationReportWriter.Write(report, folder);
        return (report, File.ReadAllText(html), File.ReadAllText(json));
    });

    private static ConnectionDataset Slice(ConnectionDataset data, int count) =>
        data.Subset(Enumerable.Range(0, count).Select(i => i * (data.Count / count)).ToArray());

    [Fact]
    public void Html_has_every_section_and_the_constant_column_finding()
    {
        var html = Written.Value.Html;
        foreach (var id in ExplorationHtml.SectionIds)
            Assert.Contains($"id=\"{id}\"", html);
        Assert.Contains("numoutboundcmds is constant", html);
        Assert.Contains("Benjamini-Hochberg", html);
        Assert.Contains("H0: ", html);
        Assert.Contains("Are SYN error rates higher in DoS than in normal traffic?", html);
        Assert.Contains("Attack names in only one file", html);
    }

    [Fact]
    public void Html_is_self_contained_with_embedded_svg_charts()
    {
        var html = Written.Value.Html;
        var images = html.Split("<img ").Length - 1;
        // class balance + 3 categorical + the non-constant numeric features + 2 heatmaps + PSI
        var numeric = Written.Value.Report.NumericFeatures.Count(f => !f.IsConstant);
        Assert.Equal(1 + 3 + numeric + 2 + 1, images);
        Assert.Equal(images, html.Split("src=\"data:image/svg+xml;base64,").Length - 1);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);

        // Each embedded chart is a real SVG with text in it.
        var first = html.Split("src=\"data:image/svg+xml;base64,")[1].Split('"')[0];
        var svg = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(first));
        Assert.Contains("<svg", svg);
        Assert.Contains("<text", svg);
    }

    [Fact]
    public void Json_parses_and_holds_the_numbers()
    {
        var (report, _, json) = Written.Value;
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(3000, root.GetProperty("overview").GetProperty("rows").GetInt32());
        Assert.Contains(root.GetProperty("overview").GetProperty("constantColumns").EnumerateArray(),
            c => c.GetProperty("name").GetString() == "numoutboundcmds");

        var tests = root.GetProperty("tests").EnumerateArray().ToArray();
        Assert.Equal(report.Tests.Count, tests.Length);
        var syn = tests.Single(t => t.GetProperty("id").GetString() == "h-dos-syn-errors");
        var expected = report.Tests.Single(t => t.Id == "h-dos-syn-errors");
        Assert.Equal(expected.Statistic, syn.GetProperty("statistic").GetDouble());
        Assert.Equal(expected.PValue, syn.GetProperty("pValue").GetDouble());
        Assert.Equal(expected.AdjustedPValue, syn.GetProperty("adjustedPValue").GetDouble());
        Assert.Equal(expected.EffectSize, syn.GetProperty("effectSize").GetDouble());

        var features = root.GetProperty("correlations").GetProperty("features").GetArrayLength();
        Assert.Equal(features, root.GetProperty("correlations").GetProperty("spearman").GetArrayLength());
        var srcbytes = root.GetProperty("numericFeatures").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "srcbytes");
        Assert.True(srcbytes.GetProperty("histogram").GetProperty("logScale").GetBoolean());
        Assert.Equal(report.NumericFeatures.Single(f => f.Name == "srcbytes").ByClass["attack"].Median,
            srcbytes.GetProperty("byClass").GetProperty("attack").GetProperty("median").GetDouble());
        var psi = root.GetProperty("comparison").GetProperty("features").EnumerateArray().First();
        Assert.Equal(report.Comparison!.Features[0].Psi, psi.GetProperty("psi").GetDouble());
    }

    [Fact]
    public void Out_path_that_is_a_file_is_refused()
    {
        var file = Path.GetTempFileName();
        var error = Assert.Throws<ArgumentException>(() => ExplorationReportWriter.Write(Written.Value.Report, file));
        Assert.Contains(file, error.Message);
    }
}
