using System.Net;

namespace Nad.Service.Tests;

[Collection(ServiceCollection.Name)]
public sealed class ModelTests : IDisposable
{
    private readonly TrainedModel _model;
    private readonly TestService _service;

    public ModelTests(TrainedModel model)
    {
        _model = model;
        _service = new TestService(model);
        // A second model file in the folder: loaded at start-up and available to activate.
        File.Copy(model.Path, Path.Combine(_service.DataDir, "models", "random-forest-b.nadmodel"));
    }

    public void Dispose()
    {
        _service.Dispose();
        _service.DeleteData();
    }

    [Fact]
    public async Task Models_lists_every_loaded_model_with_metadata_and_which_is_active()
    {
        var models = (await TestService.ReadJsonAsync(await _service.CreateClient().GetAsync("/api/v1/models"))).EnumerateArray().ToArray();
        Assert.Equal(["random-forest", "random-forest-b"], models.Select(m => m.GetProperty("name").GetString()));
        var active = models[0];
        Assert.True(active.GetProperty("active").GetBoolean());
        Assert.False(models[1].GetProperty("active").GetBoolean());
        Assert.Equal("random-forest", active.GetProperty("model").GetString());
        Assert.True(active.GetProperty("supervised").GetBoolean());
        Assert.Equal(_model.Threshold, active.GetProperty("threshold").GetDouble(), 6);
        Assert.Equal("20", active.GetProperty("parameters").GetProperty("trees").GetString());
        Assert.Equal(TrainedModel.TrainRows, active.GetProperty("trainingData").GetProperty("rows").GetInt64());
        Assert.InRange(active.GetProperty("validationMetrics").GetProperty("f1").GetDouble(), 0.5, 1);
    }

    [Fact]
    public async Task Activate_needs_the_api_key()
    {
        var anonymous = _service.CreateClient();
        await TestService.ProblemAsync(await anonymous.PostAsync("/api/v1/models/random-forest-b/activate", null), 401);
        anonymous.DefaultRequestHeaders.Add("X-Api-Key", TestService.AdminKey + "x");
        await TestService.ProblemAsync(await anonymous.PostAsync("/api/v1/models/random-forest-b/activate", null), 401);

        var admin = _service.AdminClient();
        await TestService.ProblemAsync(await admin.PostAsync("/api/v1/models/no-such-model/activate", null), 404);
        await TestService.ProblemAsync(await admin.PostAsync("/api/v1/models/..%2Fmodels%2Frandom-forest/activate", null), 404);
        var response = await admin.PostAsync("/api/v1/models/random-forest-b/activate", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await TestService.ReadJsonAsync(response)).GetProperty("active").GetBoolean());

        var predicted = await TestService.ReadJsonAsync(await anonymous.PostAsync("/api/v1/supervised/predict", TestService.Json(_model.AnAttack)));
        Assert.Equal("random-forest-b", predicted.GetProperty("model").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Without_a_configured_key_admin_calls_are_refused()
    {
        using var service = new TestService(_model, new() { ["Nad:AdminApiKey"] = "" });
        try
        {
            var client = service.CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", "");
            await TestService.ProblemAsync(await client.PostAsync("/api/v1/models/random-forest/activate", null), 403);
        }
        finally
        {
            service.DeleteData();
        }
    }

    [Fact]
    public async Task Switching_models_under_concurrent_requests_drops_none()
    {
        var client = _service.CreateClient();
        var admin = _service.AdminClient();
        var records = _model.Unseen.Take(40).Select(r => r.Record).ToArray();
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var done = new CancellationTokenSource();

        var switcher = Task.Run(async () =>
        {
            var switches = 0;
            while (!done.IsCancellationRequested)
            {
                var name = switches++ % 2 == 0 ? "random-forest-b" : "random-forest";
                var response = await admin.PostAsync($"/api/v1/models/{name}/activate", null);
                if (response.StatusCode != HttpStatusCode.OK) failures.Add($"activate {name}: {response.StatusCode}");
                await Task.Delay(2);
            }
            return switches;
        });

        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 150; i++)
            {
                var batch = i % 3 == 0;
                var content = batch ? TestService.Json(records) : TestService.Json(records[(w * 150 + i) % records.Length]);
                var response = await client.PostAsync("/api/v1/supervised/predict", content);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"worker {w} request {i}: {response.StatusCode}");
                    continue;
                }
                var body = await TestService.ReadJsonAsync(response);
                var results = batch ? body.EnumerateArray().ToArray() : [body];
                if (results.Length != (batch ? records.Length : 1)) failures.Add($"worker {w} request {i}: {results.Length} results");
                // One request is scored by one model from start to end.
                var names = results.Select(r => r.GetProperty("model").GetProperty("name").GetString()!).Distinct().ToArray();
                if (names.Length != 1) failures.Add($"worker {w} request {i}: mixed models {string.Join(",", names)}");
                seen.AddOrUpdate(names[0], 1, (_, n) => n + 1);
            }
        })).ToArray();

        await Task.WhenAll(workers);
        done.Cancel();
        var switchCount = await switcher;

        Assert.Empty(failures);
        Assert.Equal(600, seen.Values.Sum());
        Assert.True(switchCount >= 2, $"only {switchCount} switches happened");
        Assert.Equal(2, seen.Count); // both models answered while switching
    }
}
