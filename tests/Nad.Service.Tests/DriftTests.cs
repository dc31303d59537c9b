using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Nad.Core.Drift;
using Nad.Core.Reading;
using Nad.Core.Records;

namespace Nad.Service.Tests;

/// <summary>
/// Drift over HTTP: normal KDDTrain+ rows the small forest never saw keep /api/v1/drift and
/// /metrics quiet; the same rows with src_bytes x 50 and a third of http moved to ftp_data fill
/// the window and raise the warning, naming those features.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class DriftTests(TrainedModel model)
{
    private const int Window = 1000;

    /// <summary>Normal rows after the first 4,000 of the training file (the forest learned from the first 3,000).</summary>
    private static readonly Lazy<ConnectionRecord[]> LaterNormals = new(() =>
        [.. NslKddReader.ReadRows(InputFile.Open(BundledData.Train), BundledData.Train).Skip(4000)
            .Where(r => !r.Label!.Value.IsAttack).Take(Window).Select(r => r.Record)]);

    private static ConnectionRecord[] Shifted(IEnumerable<ConnectionRecord> records) => [.. records.Select((r, i) =>
    {
        var numeric = (double[])r.Numeric.Clone();
        numeric[NslKddSchema.Get("srcbytes").ValueIndex] *= 50;
        return new ConnectionRecord(r.ProtocolType, r.Service == "http" && i % 3 == 0 ? "ftp_data" : r.Service, r.Flag, numeric);
    })];

    private static StringContent Csv(IEnumerable<ConnectionRecord> records) =>
        new(string.Join("\n", records.Select(r => string.Join(",", r.ToFields()))) + "\n", Encoding.UTF8, "text/csv");

    private static async Task<JsonElement> DriftOf(HttpClient client, string name)
    {
        var response = await client.GetAsync("/api/v1/drift");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await TestService.ReadJsonAsync(response);
        Assert.Equal(DriftLevels.Significant, body.GetProperty("significantAbove").GetDouble());
        return body.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == name);
    }

    private static double Gauge(string metrics, string series)
    {
        var line = metrics.Split('\n').Single(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Unshifted_records_stay_quiet_and_shifted_ones_raise_the_warning_in_the_api_and_metrics()
    {
        var service = new TestService(model, new() { ["Nad:Drift:Window"] = Window.ToString(CultureInfo.InvariantCulture), ["Nad:Drift:MinimumSample"] = "500" });
        try
        {
            var client = service.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/supervised/predict", Csv(LaterNormals.Value))).StatusCode);
            var quiet = await DriftOf(client, "random-forest");
            Assert.True(quiet.GetProperty("available").GetBoolean());
            Assert.Equal(Window, quiet.GetProperty("records").GetInt32());
            Assert.NotEqual("significant", quiet.GetProperty("level").GetString());
            Assert.False(quiet.TryGetProperty("warning", out _)); // null members are left out
            Assert.Equal(41, quiet.GetProperty("features").GetArrayLength());
            var metrics = await client.GetStringAsync("/metrics");
            Assert.Equal(0, Gauge(metrics, "nad_drift_warning{model=\"random-forest\"}"));

            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/supervised/predict", Csv(Shifted(LaterNormals.Value)))).StatusCode);
            var shifted = await DriftOf(client, "random-forest");
            Assert.Equal("significant", shifted.GetProperty("level").GetString());
            var features = shifted.GetProperty("features").EnumerateArray().ToArray();
            Assert.Equal("srcbytes", features[0].GetProperty("feature").GetString());
            var warning = shifted.GetProperty("warning").GetString()!;
            Assert.Contains("srcbytes", warning);
            Assert.Contains("service", warning);
            metrics = await client.GetStringAsync("/metrics");
            Assert.Equal(1, Gauge(metrics, "nad_drift_warning{model=\"random-forest\"}"));
            Assert.Equal(2, Gauge(metrics, "nad_drift_level{model=\"random-forest\"}"));
            Assert.True(Gauge(metrics, "nad_drift_psi{model=\"random-forest\",feature=\"srcbytes\"}") > DriftLevels.Significant);
            Assert.True(Gauge(metrics, "nad_drift_psi{model=\"random-forest\",feature=\"dstbytes\"}") < DriftLevels.Moderate);
        }
        finally
        {
            service.Dispose();
            service.DeleteData();
        }
    }

    [Fact]
    public async Task A_model_file_without_a_drift_baseline_is_served_and_its_drift_said_unavailable()
    {
        var service = new TestService(model);
        using (var zip = ZipFile.Open(Path.Combine(service.DataDir, "models", "random-forest.nadmodel"), ZipArchiveMode.Update))
            zip.GetEntry("drift.json")!.Delete();
        try
        {
            var client = service.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/supervised/predict", TestService.Json(model.ANormal))).StatusCode);
            var drift = await DriftOf(client, "random-forest");
            Assert.False(drift.GetProperty("available").GetBoolean());
            Assert.Equal(DriftBaseline.MissingMessage, drift.GetProperty("unavailable").GetString());
        }
        finally
        {
            service.Dispose();
            service.DeleteData();
        }
    }
}
