using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Nad.Core.Records;
using Nad.Core.Wire;

namespace Nad.Service.Tests;

/// <summary>
/// The real service in memory (WebApplicationFactory) over a temporary data folder that holds the
/// shared small model. Only the random forest is a default model unless a test says otherwise.
/// Disposing stops it gracefully (as on SIGTERM); the folder stays until <see cref="DeleteData"/>.
/// </summary>
public sealed class TestService : WebApplicationFactory<NadService>
{
    public const string AdminKey = "test-admin-key";
    private readonly Dictionary<string, string?> _settings;

    public TestService(TrainedModel model, Dictionary<string, string?>? settings = null, string? dataDir = null, bool copyModel = true)
    {
        DataDir = dataDir ?? Directory.CreateTempSubdirectory("nad-service-").FullName;
        var models = Path.Combine(DataDir, "models");
        Directory.CreateDirectory(models);
        if (copyModel) File.Copy(model.Path, Path.Combine(models, "random-forest.nadmodel"), overwrite: true);
        _settings = new Dictionary<string, string?>
        {
            ["Nad:DataDir"] = DataDir,
            ["Nad:DefaultModels"] = "random-forest",
            ["Nad:FamilyModel"] = "", // no family model trained at start unless a test asks
            ["Nad:AdminApiKey"] = AdminKey,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? []) _settings[key] = value;
    }

    public string DataDir { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(_settings));

    public void DeleteData()
    {
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(ConnectionRecord record) => Json(RecordJsonWriter.ToJson(record));

    public static StringContent Json(IEnumerable<ConnectionRecord> records) =>
        Json("[" + string.Join(",", records.Select(RecordJsonWriter.ToJson)) + "]");

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 7807 answer with the given status and returns its body.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal); // no stack trace
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        return body;
    }

    /// <summary>The field names a validation problem lists.</summary>
    public static string[] ErrorFields(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];

    public HttpClient AdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return client;
    }

    public static MediaTypeHeaderValue MediaType(string value) => new(value);
}
