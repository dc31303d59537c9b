using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Training;
using Nad.Core.Wire;
using Nad.Service.Models;

namespace Nad.Dashboard.Tests;

/// <summary>
/// Issue 16 item 3: with the service's family model (<c>Nad:FamilyModel</c>, on by default) beside the active
/// normal/attack model, the overview's "Alerts by attack family" names the families.
/// </summary>
public sealed partial class DashboardTests
{
    [Fact]
    public async Task Alerts_by_attack_family_names_the_families_a_family_model_decided()
    {
        var rows = NslKddReader.ReadRows(InputFile.Open(BundledData.Train), BundledData.Train).Where((_, i) => i % 40 == 0).ToList(); // ~3,150 rows, every family
        var data = new ConnectionDataset("every 40th row", [.. rows.Select(r => r.Record)], [.. rows.Select(r => r.Label!.Value)]);
        var trainer = DetectorCatalog.Get("lightgbm").CreateTrainer(new TrainerSettings { Threads = 2, Target = PredictionTarget.Family });
        var detector = DetectorTraining.Train(trainer, data, new TrainingDataInfo("every 40th row", "test", rows.Count));
        var registry = Host.Services.GetRequiredService<ModelRegistry>();
        var family = new LoadedModel("lightgbm-family", detector);
        registry.Add(family);
        try
        {
            registry.SetFamily(family); // as the bootstrapper does; the random forest (normal/attack) stays active
            Assert.Equal("random-forest", registry.Supervised?.Name);
            // KDDTest+ SYN floods (neptune): the random forest flags them, the family model names them DoS.
            var floods = NslKddReader.ReadRows(InputFile.Open(BundledData.TestPlus), BundledData.TestPlus)
                .Where(r => r.Label!.Value.Name == "neptune").Take(20).Select(r => r.Record).ToList();
            using var client = Host.CreateClient();
            var before = (await client.GetFromJsonAsync<JsonElement>("/api/v1/alerts?family=DoS&pageSize=1")).GetProperty("total").GetInt64();
            await PostAsync("/api/v2/supervised/predict", "[" + string.Join(",", floods.Select(RecordJsonWriter.ToJson)) + "]");
            for (var i = 0; i < 100; i++)
            {
                var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/alerts?family=DoS&pageSize=1");
                if (page.GetProperty("total").GetInt64() > before) break;
                await Task.Delay(100);
            }

            await using var session = await OpenAsync();
            await session.GoAsync("overview");
            await Assertions.Expect(session.Page.Locator("#by-family svg")).ToContainTextAsync("DoS");
            await session.ScreenshotAsync("overview-family");
        }
        finally
        {
            registry.SetFamily(null);
        }
    }
}
