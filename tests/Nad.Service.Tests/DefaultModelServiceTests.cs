using System.Net;
using System.Text.Json;
using Nad.Core.ModelFiles;
using Nad.Service.Settings;

namespace Nad.Service.Tests;

/// <summary>
/// The service with its own default model list: on a first start it trains the hybrid and the
/// Isolation Forest, and the hybrid serves every supervised route (model list, predict, explain,
/// detect and its alerts, the dashboard's evaluation).
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class DefaultModelServiceTests(TrainedModel model)
{
    [Fact]
    public void The_default_models_are_the_hybrid_and_the_isolation_forest()
    {
        var options = new NadServiceOptions();
        Assert.Equal("hybrid,isolation-forest", options.DefaultModels);
        Assert.Equal(["hybrid", "isolation-forest"], options.DefaultModelNames);
        Assert.Equal("lightgbm", options.FamilyModel);
    }

    [Fact]
    public async Task On_first_start_the_hybrid_is_trained_and_serves_predict_explain_detect_alerts_and_evaluation()
    {
        using var service = new TestService(model, new()
        {
            ["Nad:DefaultModels"] = new NadServiceOptions().DefaultModels,
            ["Nad:FamilyModel"] = new NadServiceOptions().FamilyModel,
            ["Nad:Training:MaxRows"] = "2000",
            ["Nad:Dashboard:EvaluationRows"] = "500",
        }, copyModel: false);
        try
        {
            var client = service.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            var saved = ModelFile.Load(Path.Combine(service.DataDir, "models", "hybrid.nadmodel"));
            Assert.Equal("hybrid", saved.Manifest.Model);
            Assert.True(File.Exists(Path.Combine(service.DataDir, "models", "isolation-forest.nadmodel")));
            Assert.Equal("family", ModelFile.Load(Path.Combine(service.DataDir, "models", "lightgbm-family.nadmodel")).Manifest.Target);

            var models = (await TestService.ReadJsonAsync(await client.GetAsync("/api/v1/models"))).EnumerateArray().ToList();
            var hybrid = Assert.Single(models, m => m.GetProperty("name").GetString() == "hybrid");
            Assert.True(hybrid.GetProperty("active").GetBoolean());
            Assert.True(hybrid.GetProperty("supervised").GetBoolean());
            Assert.Equal(1.0, hybrid.GetProperty("threshold").GetDouble());
            Assert.Equal(2000, hybrid.GetProperty("trainingData").GetProperty("rows").GetInt64());
            Assert.True(Assert.Single(models, m => m.GetProperty("name").GetString() == "isolation-forest").GetProperty("active").GetBoolean());

            // A SYN flood (neptune) and a normal HTTP connection the models never saw.
            var attack = await TestService.ReadJsonAsync(await client.PostAsync("/api/v1/supervised/predict", TestService.Json(model.AnAttack)));
            Assert.Equal("attack", attack.GetProperty("label").GetString());
            Assert.Equal("hybrid", attack.GetProperty("model").GetProperty("name").GetString());
            Assert.True(attack.GetProperty("attackProbability").GetDouble() >= 1); // the hybrid's score: 1 = a member's threshold
            var normal = await TestService.ReadJsonAsync(await client.PostAsync("/api/v1/supervised/predict", TestService.Json(model.ANormal)));
            Assert.Equal("normal", normal.GetProperty("label").GetString());

            var explained = await TestService.ReadJsonAsync(await client.PostAsync("/api/v1/explain?top=3", TestService.Json(model.AnAttack)));
            var supervised = explained.GetProperty("supervised");
            Assert.Equal("hybrid", supervised.GetProperty("model").GetProperty("name").GetString());
            Assert.True(supervised.GetProperty("attack").GetBoolean());
            Assert.Equal(attack.GetProperty("attackProbability").GetDouble(), supervised.GetProperty("score").GetDouble(), 9);
            Assert.Equal(3, supervised.GetProperty("contributions").GetArrayLength());
            Assert.False(string.IsNullOrEmpty(supervised.GetProperty("counterfactual").GetProperty("sentence").GetString()));

            var detected = await TestService.ReadJsonAsync(await client.PostAsync("/api/v1/detect", TestService.Json([model.AnAttack, model.ANormal])));
            Assert.Equal("attack", detected[0].GetProperty("verdict").GetString());
            Assert.Contains("supervised", detected[0].GetProperty("flaggedBy").EnumerateArray().Select(e => e.GetString()));
            var alert = await WaitForAlertAsync(client);
            Assert.Equal("hybrid", alert.GetProperty("supervisedModel").GetString());
            // Issue 16 item 3: the hybrid decides attack, the default family model names the family (FamilyClasses.Decided).
            var v2 = await TestService.ReadJsonAsync(await client.PostAsync("/api/v2/supervised/predict", TestService.Json([model.AnAttack, model.ANormal])));
            Assert.Equal("hybrid", v2[0].GetProperty("model").GetProperty("name").GetString());
            Assert.True(v2[0].GetProperty("attack").GetBoolean());
            Assert.Equal("DoS", v2[0].GetProperty("family").GetString());
            Assert.False(v2[1].GetProperty("attack").GetBoolean());
            Assert.Equal("Normal", v2[1].GetProperty("family").GetString());
            // The neptune record was judged an attack three times (v1 predict, detect, v2 predict): three stored alerts, each DoS.
            var stored = await WaitForAlertsAsync(client, "label=attack", 3);
            Assert.Equal(3, stored.GetProperty("total").GetInt64());
            Assert.All(stored.GetProperty("items").EnumerateArray(), a => Assert.Equal("DoS", a.GetProperty("family").GetString()));
            Assert.Equal(3, (await TestService.ReadJsonAsync(await client.GetAsync("/api/v1/alerts?family=DoS"))).GetProperty("total").GetInt64());

            var evaluation = await client.GetAsync("/api/v1/models/hybrid/evaluation");
            Assert.True(evaluation.StatusCode == HttpStatusCode.OK, await evaluation.Content.ReadAsStringAsync());
        }
        finally
        {
            service.Dispose();
            service.DeleteData();
        }
    }

    [Fact]
    public void A_training_parameter_the_hybrid_does_not_take_stops_the_start_with_a_message_naming_the_setting()
    {
        using var service = new TestService(model, new()
        {
            ["Nad:DefaultModels"] = new NadServiceOptions().DefaultModels,
            ["Nad:Training:MaxRows"] = "500",
            ["Nad:Training:Parameters:trees"] = "10",
        }, copyModel: false);
        try
        {
            var error = Assert.Throws<ArgumentException>(() => service.CreateClient());
            Assert.Contains("Nad:Training:Parameters", error.Message);
            Assert.Contains("'hybrid'", error.Message);
            Assert.Contains("'trees'", error.Message);
        }
        finally
        {
            service.Dispose();
            service.DeleteData();
        }
    }

    [Fact]
    public void A_family_model_that_cannot_predict_families_stops_the_start_naming_the_setting()
    {
        var settings = new NadServiceOptions { DataDir = Path.Combine(Path.GetTempPath(), "nad-check-" + Guid.NewGuid().ToString("N")), FamilyModel = "isolation-forest" };
        var error = Assert.Throws<ArgumentException>(() => Nad.Service.Models.ModelBootstrapper.CheckTrainingSettings(settings));
        Assert.Contains("Nad:FamilyModel", error.Message);
        Assert.Contains("lightgbm", error.Message);
        settings.FamilyModel = "";
        Nad.Service.Models.ModelBootstrapper.CheckTrainingSettings(settings); // empty: no family model, nothing to check
    }

    private static async Task<JsonElement> WaitForAlertsAsync(HttpClient client, string filter, int count)
    {
        for (var attempt = 0; ; attempt++)
        {
            var page = await TestService.ReadJsonAsync(await client.GetAsync($"/api/v1/alerts?{filter}&pageSize=50"));
            if (page.GetProperty("total").GetInt64() >= count) return page;
            Assert.True(attempt < 200, $"fewer than {count} alerts ({filter}) were written: {page}");
            await Task.Delay(50); // the writer commits in the background
        }
    }

    private static async Task<JsonElement> WaitForAlertAsync(HttpClient client)
    {
        for (var attempt = 0; ; attempt++)
        {
            var page = await TestService.ReadJsonAsync(await client.GetAsync("/api/v1/alerts?pageSize=1"));
            if (page.GetProperty("total").GetInt64() >= 1) return page.GetProperty("items")[0];
            Assert.True(attempt < 200, "no alert was written");
            await Task.Delay(50); // the writer commits in the background
        }
    }

    [Fact]
    public void The_settings_check_before_start_names_the_setting_and_passes_once_the_model_exists()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "nad-check-" + Guid.NewGuid().ToString("N"));
        var settings = new NadServiceOptions { DataDir = dataDir, DefaultModels = "hybrid,isolation-forest" };
        settings.Training.Parameters["trees"] = "10";
        try
        {
            // No model files yet: the hybrid would be trained, and refuses 'trees'.
            var error = Assert.Throws<ArgumentException>(() => Nad.Service.Models.ModelBootstrapper.CheckTrainingSettings(settings));
            Assert.Contains("'hybrid'", error.Message);
            Assert.Contains("Nad:Training:Parameters", error.Message);
            // A saved hybrid is loaded, not trained: nothing to refuse (the Isolation Forest takes 'trees').
            Directory.CreateDirectory(settings.ModelsDir);
            File.Copy(model.Path, Path.Combine(settings.ModelsDir, "hybrid.nadmodel"));
            Nad.Service.Models.ModelBootstrapper.CheckTrainingSettings(settings);
        }
        finally
        {
            if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true);
        }
    }
}
