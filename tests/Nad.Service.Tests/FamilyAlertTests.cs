using System.Net;
using System.Text.Json;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.ModelFiles;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Training;

namespace Nad.Service.Tests;

/// <summary>
/// Issue 16 item 3: with a family model served (a LightGBM family model file in the models folder,
/// named in Nad:DefaultModels), the alerts it raises carry its family, so the dashboard's
/// "Alerts by attack family" no longer says "unclassified" for everything.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class FamilyAlertTests(TrainedModel model)
{
    [Fact]
    public async Task Alerts_of_a_served_family_model_carry_the_family_it_decided()
    {
        // Every 40th row of the bundled training file (~3,150 rows, every family), the rest held out.
        var rows = NslKddReader.ReadRows(InputFile.Open(BundledData.Train), BundledData.Train).ToList();
        var training = rows.Where((_, i) => i % 40 == 0).ToList();
        var data = new ConnectionDataset("every 40th row", [.. training.Select(r => r.Record)], [.. training.Select(r => r.Label!.Value)]);
        var trainer = DetectorCatalog.Get("lightgbm").CreateTrainer(new TrainerSettings { Threads = 2, Target = PredictionTarget.Family });
        var detector = DetectorTraining.Train(trainer, data, new TrainingDataInfo("every 40th row", "test", training.Count));
        Assert.NotNull(detector.FamilyClassifier);

        using var service = new TestService(model, new() { ["Nad:DefaultModels"] = "lightgbm" }, copyModel: false);
        ModelFile.Save(detector, Path.Combine(service.DataDir, "models", "lightgbm.nadmodel"));
        try
        {
            var client = service.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            // Held-out attacks of two families: SYN floods (DoS) and port sweeps (Probe).
            var heldOut = rows.Where((_, i) => i % 40 != 0).ToList();
            ConnectionRecord[] attacks = [.. heldOut.Where(r => r.Label!.Value.Name == "neptune").Take(5).Select(r => r.Record),
                .. heldOut.Where(r => r.Label!.Value.Name == "portsweep").Take(5).Select(r => r.Record)];
            var answer = await client.PostAsync("/api/v1/supervised/predict", TestService.Json(attacks));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var flagged = (await TestService.ReadJsonAsync(answer)).EnumerateArray().Count(r => r.GetProperty("label").GetString() == "attack");
            Assert.True(flagged >= 8, $"{flagged} of 10 attacks flagged");

            var page = await WaitForAlertsAsync(client, flagged);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(flagged, items.Count);
            Assert.All(items, a => Assert.Contains(a.GetProperty("family").GetString(), new[] { "DoS", "Probe", "R2L", "U2R" }));
            var floods = items.Where(a => a.GetProperty("record").GetProperty("flag").GetString() == "S0").ToList();
            Assert.NotEmpty(floods);
            Assert.All(floods, a => Assert.Equal("DoS", a.GetProperty("family").GetString()));
            // The family filter sees them too.
            var dos = await TestService.ReadJsonAsync(await client.GetAsync("/api/v1/alerts?family=DoS"));
            Assert.Equal(items.Count(a => a.GetProperty("family").GetString() == "DoS"), dos.GetProperty("total").GetInt64());
            Assert.Contains(items, a => a.GetProperty("family").GetString() == "Probe");
        }
        finally
        {
            service.Dispose();
            service.DeleteData();
        }
    }

    private static async Task<JsonElement> WaitForAlertsAsync(HttpClient client, int atLeast)
    {
        for (var attempt = 0; ; attempt++)
        {
            var page = await TestService.ReadJsonAsync(await client.GetAsync("/api/v1/alerts?pageSize=100"));
            if (page.GetProperty("total").GetInt64() >= atLeast || attempt == 200) return page;
            await Task.Delay(50); // the writer commits in the background
        }
    }
}
