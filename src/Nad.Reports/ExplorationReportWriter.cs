using System.Text.Json;
using System.Text.Json.Serialization;
using Nad.Core.Exploration;

namespace Nad.Reports;

/// <summary>Writes <c>report.html</c> and <c>report.json</c> into a folder (created if needed).</summary>
public static class ExplorationReportWriter
{
    public const string HtmlFile = "report.html";
    public const string JsonFile = "report.json";

    /// <summary>camelCase, indented; NaN (e.g. KS of a categorical feature) written as "NaN".</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static (string Html, string Json) Write(ExplorationReport report, string folder, IProgress<double>? progress = null)
    {
        if (File.Exists(folder)) throw new ArgumentException($"--out '{folder}' is a file; give a folder for report.html and report.json.");
        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, JsonFile);
        var html = Path.Combine(folder, HtmlFile);
        File.WriteAllText(json, JsonSerializer.Serialize(report, Json));
        File.WriteAllText(html, ExplorationHtml.Render(report, progress));
        return (html, json);
    }
}
