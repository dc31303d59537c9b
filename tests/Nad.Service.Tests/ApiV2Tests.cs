using System.Net;
using System.Text.Json;

namespace Nad.Service.Tests;

/// <summary>
/// API v2 (issue 16: v1's attackProbability was 1.84 with threshold 1 for the hybrid): each model
/// answers score and threshold in its own units, attack, and a calibrated probability in [0, 1]
/// (null where there is none); v1 answers the same as before, with Deprecation and Link headers.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ApiV2Tests(TrainedModel model) : IDisposable
{
    private readonly TestService _service = new(model, new() { ["Nad:DefaultModels"] = "random-forest,isolation-forest" });

    public void Dispose()
    {
        _service.Dispose();
        _service.DeleteData();
    }

    private async Task<HttpClient> ClientWithBothModelsAsync()
    {
        File.Copy(model.UnsupervisedPath, Path.Combine(_service.DataDir, "models", "isolation-forest.nadmodel"), overwrite: true);
        var client = _service.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        return client;
    }

    [Fact]
    public async Task V2_predict_answers_score_threshold_attack_and_a_probability_in_0_1_agreeing_with_v1()
    {
        var client = await ClientWithBothModelsAsync();
        var rows = model.Unseen.Take(300).Select(r => r.Record).ToArray();
        var v2 = (await TestService.ReadJsonAsync(await client.PostAsync("/api/v2/supervised/predict", TestService.Json(rows)))).EnumerateArray().ToArray();
        var v1 = (await TestService.ReadJsonAsync(await client.PostAsync("/api/v1/supervised/predict", TestService.Json(rows)))).EnumerateArray().ToArray();
        Assert.Equal(rows.Length, v2.Length);
        Assert.Equal(["score", "threshold", "attack", "probability", "family", "model"], v2[0].EnumerateObject().Select(p => p.Name));
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(v1[i].GetProperty("attackProbability").GetDouble(), v2[i].GetProperty("score").GetDouble(), 12);
            Assert.Equal(v1[i].GetProperty("label").GetString() == "attack", v2[i].GetProperty("attack").GetBoolean());
            Assert.InRange(v2[i].GetProperty("probability").GetDouble(), 0, 1);
            Assert.Equal(JsonValueKind.Null, v2[i].GetProperty("family").ValueKind); // a normal/attack model
        }
        // Calibrated on held-out training rows: attacks get high probabilities, normal rows low ones.
        var attack = v2.Where((_, i) => model.Unseen[i].Label.IsAttack).Average(v => v.GetProperty("probability").GetDouble());
        var normal = v2.Where((_, i) => !model.Unseen[i].Label.IsAttack).Average(v => v.GetProperty("probability").GetDouble());
        Assert.True(attack > 0.8 && normal < 0.2, $"mean probability: attacks {attack:0.###}, normal rows {normal:0.###}");
    }

    [Fact]
    public async Task V2_score_and_detect_answer_each_model_and_null_probability_where_the_model_has_none()
    {
        var client = await ClientWithBothModelsAsync();
        var score = await TestService.ReadJsonAsync(await client.PostAsync("/api/v2/unsupervised/score", TestService.Json(model.AnAttack)));
        Assert.Equal("isolation-forest", score.GetProperty("model").GetProperty("name").GetString());
        Assert.True(score.GetProperty("attack").GetBoolean());
        // Trained on normal rows only: no attacks among its held-out rows, nothing to calibrate on.
        Assert.Equal(JsonValueKind.Null, score.GetProperty("probability").ValueKind);

        var detect = (await TestService.ReadJsonAsync(await client.PostAsync("/api/v2/detect", TestService.Json([model.AnAttack, model.ANormal])))).EnumerateArray().ToArray();
        Assert.True(detect[0].GetProperty("attack").GetBoolean());
        Assert.Equal(["supervised", "unsupervised"], detect[0].GetProperty("flaggedBy").EnumerateArray().Select(e => e.GetString()));
        Assert.InRange(detect[0].GetProperty("supervised").GetProperty("probability").GetDouble(), 0.5, 1);
        Assert.Equal(detect[0].GetProperty("unsupervised").GetProperty("score").GetDouble(), score.GetProperty("score").GetDouble(), 12);
        Assert.False(detect[1].GetProperty("supervised").GetProperty("attack").GetBoolean());
    }

    [Fact]
    public async Task V1_scoring_routes_answer_as_before_with_deprecation_and_link_to_their_v2_successor()
    {
        var client = await ClientWithBothModelsAsync();
        foreach (var (v1, v2) in new[] { ("/api/v1/supervised/predict", "/api/v2/supervised/predict"), ("/api/v1/unsupervised/score", "/api/v2/unsupervised/score"), ("/api/v1/detect", "/api/v2/detect") })
        {
            var response = await client.PostAsync(v1, TestService.Json(model.AnAttack));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("@1796428800", response.Headers.GetValues("Deprecation").Single());
            Assert.Equal($"<{v2}>; rel=\"successor-version\"", response.Headers.GetValues("Link").Single());
            // A bad body is a problem as before, and says it is deprecated too.
            var bad = await client.PostAsync(v1, TestService.Json("{\"duration\": -1}"));
            await TestService.ProblemAsync(bad, 400);
            Assert.True(bad.Headers.Contains("Deprecation"), v1);

            var successor = await client.PostAsync(v2, TestService.Json(model.AnAttack));
            Assert.False(successor.Headers.Contains("Deprecation"), v2);
        }
        // v1's answer keeps its exact fields (the bytes are pinned by SupervisedBatchAnswerTests and ScoringTests).
        var answer = await TestService.ReadJsonAsync(await client.PostAsync("/api/v1/supervised/predict", TestService.Json(model.AnAttack)));
        Assert.Equal(["label", "attackProbability", "threshold", "model"], answer.EnumerateObject().Select(p => p.Name));
        // Routes v2 does not replace are not deprecated.
        Assert.False((await client.GetAsync("/api/v1/models")).Headers.Contains("Deprecation"));
    }

    [Fact]
    public async Task The_openapi_document_marks_v1_scoring_deprecated_and_documents_v2_with_its_probability()
    {
        var client = await ClientWithBothModelsAsync();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        foreach (var route in new[] { "supervised/predict", "unsupervised/score", "detect" })
        {
            var v1 = paths.GetProperty("/api/v1/" + route).GetProperty("post");
            Assert.True(v1.GetProperty("deprecated").GetBoolean(), route);
            Assert.Contains("/api/v2/" + route, v1.GetProperty("description").GetString());
            var v2 = paths.GetProperty("/api/v2/" + route).GetProperty("post");
            Assert.False(v2.TryGetProperty("deprecated", out var d) && d.GetBoolean(), route);
            Assert.Equal(41, v2.GetProperty("requestBody").GetProperty("content").GetProperty("application/json")
                .GetProperty("schema").GetProperty("oneOf")[0].GetProperty("required").GetArrayLength());
        }
        var verdict = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("ModelVerdict").GetProperty("properties");
        foreach (var field in new[] { "score", "threshold", "attack", "probability", "family" })
            Assert.True(verdict.TryGetProperty(field, out _), field);
    }
}
