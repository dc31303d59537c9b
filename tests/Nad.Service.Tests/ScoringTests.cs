using System.Net;
using Nad.Core.Records;

namespace Nad.Service.Tests;

[Collection(ServiceCollection.Name)]
public sealed class ScoringTests(TrainedModel model) : IDisposable
{
    private readonly TestService _service = new(model);

    public void Dispose()
    {
        _service.Dispose();
        _service.DeleteData();
    }

    [Fact]
    public async Task Predict_one_attack_record_answers_attack_with_probability_and_model()
    {
        var response = await _service.CreateClient().PostAsync("/api/v1/supervised/predict", TestService.Json(model.AnAttack));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await TestService.ReadJsonAsync(response);
        Assert.Equal("attack", body.GetProperty("label").GetString());
        Assert.InRange(body.GetProperty("attackProbability").GetDouble(), model.Threshold, 1);
        Assert.Equal(model.Threshold, body.GetProperty("threshold").GetDouble(), 6);
        Assert.Equal("random-forest", body.GetProperty("model").GetProperty("name").GetString());
        Assert.Equal(12, body.GetProperty("model").GetProperty("version").GetString()!.Length);
        Assert.False(body.TryGetProperty("unseenCategories", out _));
        // The answer's shape, field by field (no "family": the service's models predict normal/attack).
        Assert.Equal(["label", "attackProbability", "threshold", "model"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Predict_one_normal_record_answers_normal()
    {
        var body = await TestService.ReadJsonAsync(await _service.CreateClient().PostAsync("/api/v1/supervised/predict", TestService.Json(model.ANormal)));
        Assert.Equal("normal", body.GetProperty("label").GetString());
        Assert.True(body.GetProperty("attackProbability").GetDouble() < model.Threshold);
    }

    [Fact]
    public async Task Predict_batch_answers_one_result_per_record_in_order_and_agrees_with_the_labels()
    {
        var rows = model.Unseen.Take(500).ToArray();
        var response = await _service.CreateClient().PostAsync("/api/v1/supervised/predict", TestService.Json(rows.Select(r => r.Record)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await TestService.ReadJsonAsync(response)).EnumerateArray().ToArray();
        Assert.Equal(rows.Length, results.Length);
        var correct = rows.Zip(results).Count(p => p.First.Label.IsAttack == (p.Second.GetProperty("label").GetString() == "attack"));
        Assert.True(correct >= 0.9 * rows.Length, $"{correct} of {rows.Length} correct");

        // The batch answer for a record equals the single-record answer for it.
        var single = await TestService.ReadJsonAsync(await _service.CreateClient().PostAsync("/api/v1/supervised/predict", TestService.Json(rows[7].Record)));
        Assert.Equal(single.GetProperty("attackProbability").GetDouble(), results[7].GetProperty("attackProbability").GetDouble(), 5);
    }

    [Fact]
    public async Task An_unseen_service_is_scored_and_flagged_not_refused()
    {
        var known = model.ANormal;
        var record = new ConnectionRecord(known.ProtocolType, "quantum-telnet", known.Flag, known.Numeric);
        var response = await _service.CreateClient().PostAsync("/api/v1/supervised/predict", TestService.Json(record));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await TestService.ReadJsonAsync(response);
        Assert.Equal(["service"], body.GetProperty("unseenCategories").EnumerateArray().Select(e => e.GetString()));
        Assert.InRange(body.GetProperty("attackProbability").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task Unsupervised_score_answers_503_problem_when_no_unsupervised_model_is_loaded()
    {
        var response = await _service.CreateClient().PostAsync("/api/v1/unsupervised/score", TestService.Json(model.AnAttack));
        var problem = await TestService.ProblemAsync(response, 503);
        Assert.Contains("unsupervised", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Detect_without_unsupervised_model_gives_the_supervised_verdict()
    {
        var response = await _service.CreateClient().PostAsync("/api/v1/detect", TestService.Json([model.AnAttack, model.ANormal]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await TestService.ReadJsonAsync(response)).EnumerateArray().ToArray();
        Assert.Equal("attack", results[0].GetProperty("verdict").GetString());
        Assert.Equal(["supervised"], results[0].GetProperty("flaggedBy").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("attack", results[0].GetProperty("supervised").GetProperty("label").GetString());
        Assert.False(results[0].TryGetProperty("unsupervised", out _));
        Assert.Equal("normal", results[1].GetProperty("verdict").GetString());
        Assert.Empty(results[1].GetProperty("flaggedBy").EnumerateArray());
    }

    [Fact]
    public async Task Unknown_routes_answer_404_problem()
    {
        await TestService.ProblemAsync(await _service.CreateClient().GetAsync("/api/v1/nothing-here"), 404);
        await TestService.ProblemAsync(await _service.CreateClient().GetAsync("/api/v3/supervised/predict"), 404);
    }

    [Fact]
    public async Task Health_metrics_openapi_and_security_headers()
    {
        var client = _service.CreateClient();
        var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync()); // no unsupervised model yet

        await client.PostAsync("/api/v1/supervised/predict", TestService.Json(model.AnAttack));
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("nad_records_scored_total{model=\"random-forest\"}", metrics);
        Assert.Contains("nad_alerts_total{label=\"attack\"", metrics);
        Assert.Contains("http_request_duration_seconds_bucket", metrics);

        var openApi = await client.GetStringAsync("/openapi/v1.json");
        foreach (var route in new[] { "/api/v1/supervised/predict", "/api/v1/unsupervised/score", "/api/v1/detect", "/api/v1/score-file",
                     "/api/v1/models", "/api/v1/models/{name}/activate", "/api/v1/alerts" })
            Assert.Contains($"\"{route}\"", openApi);
        using var document = System.Text.Json.JsonDocument.Parse(openApi);
        var body = document.RootElement.GetProperty("paths").GetProperty("/api/v1/supervised/predict").GetProperty("post").GetProperty("requestBody");
        var record = body.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("oneOf")[0];
        Assert.Equal(41, record.GetProperty("required").GetArrayLength());
        Assert.Equal("1", record.GetProperty("properties").GetProperty("serrorrate").GetProperty("maximum").ToString());
        // The optional connection object the parser accepts is documented, with its five required fields.
        var connection = record.GetProperty("properties").GetProperty("connection");
        Assert.Equal(5, connection.GetProperty("required").GetArrayLength());
        Assert.Equal("65535", connection.GetProperty("properties").GetProperty("dst_port").GetProperty("maximum").ToString());
        // Every route that reads a body of records or a file declares the problems it can answer.
        foreach (var route in new[] { "/api/v1/supervised/predict", "/api/v1/unsupervised/score", "/api/v1/detect", "/api/v1/explain", "/api/v1/score-file", "/api/v1/score-capture" })
        {
            var responses = document.RootElement.GetProperty("paths").GetProperty(route).GetProperty("post").GetProperty("responses");
            foreach (var status in new[] { "400", "413", "415", "503" })
                Assert.True(responses.TryGetProperty(status, out _), $"{route} does not declare {status}");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scalar/")).StatusCode);

        var headers = live.Headers;
        Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'none'", headers.GetValues("Content-Security-Policy").Single());
        Assert.False(headers.Contains("Access-Control-Allow-Origin"));
    }
}

[Collection(ServiceCollection.Name)]
public sealed class UnsupervisedTests(TrainedModel model)
{
    [Fact]
    public async Task With_the_isolation_forest_loaded_score_and_detect_give_its_verdict()
    {
        using var service = new TestService(model, new() { ["Nad:DefaultModels"] = "random-forest,isolation-forest" });
        File.Copy(model.UnsupervisedPath, Path.Combine(service.DataDir, "models", "isolation-forest.nadmodel"));
        try
        {
            var client = service.CreateClient();
            var scored = await client.PostAsync("/api/v1/unsupervised/score", TestService.Json([model.AnAttack, model.ANormal]));
            Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
            var results = (await TestService.ReadJsonAsync(scored)).EnumerateArray().ToArray();
            Assert.Equal("isolation-forest", results[0].GetProperty("model").GetProperty("name").GetString());
            foreach (var result in results)
                Assert.Equal(result.GetProperty("anomalyScore").GetDouble() >= result.GetProperty("threshold").GetDouble(), result.GetProperty("anomalous").GetBoolean());
            Assert.True(results[0].GetProperty("anomalyScore").GetDouble() > results[1].GetProperty("anomalyScore").GetDouble()); // neptune is stranger than a plain http connection

            var detected = await TestService.ReadJsonAsync(await client.PostAsync("/api/v1/detect", TestService.Json(model.AnAttack)));
            Assert.Equal("attack", detected.GetProperty("verdict").GetString());
            Assert.Equal("isolation-forest", detected.GetProperty("unsupervised").GetProperty("model").GetProperty("name").GetString());
            Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
        }
        finally
        {
            service.Dispose();
            service.DeleteData();
        }
    }
}

[Collection(ServiceCollection.Name)]
public sealed class RateLimitTests(TrainedModel model)
{
    [Fact]
    public async Task Over_the_rate_limit_the_api_answers_429_problem_with_retry_after()
    {
        using var service = new TestService(model, new() { ["Nad:RateLimit:PermitsPerWindow"] = "3", ["Nad:RateLimit:WindowSeconds"] = "60" });
        try
        {
            var client = service.CreateClient();
            for (var i = 0; i < 3; i++)
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/models")).StatusCode);
            var refused = await client.GetAsync("/api/v1/models");
            await TestService.ProblemAsync(refused, 429);
            Assert.True(refused.Headers.Contains("Retry-After"));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode); // health is not limited
        }
        finally
        {
            service.DeleteData();
        }
    }
}
