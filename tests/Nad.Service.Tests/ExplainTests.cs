using System.IO.Compression;
using System.Net;
using Nad.Core.Explanations;
using Nad.Core.Wire;

namespace Nad.Service.Tests;

[Collection(ServiceCollection.Name)]
public sealed class ExplainTests(TrainedModel model)
{
    private static async Task<T> WithServiceAsync<T>(TestService service, Func<HttpClient, Task<T>> test)
    {
        try { return await test(service.CreateClient()); }
        finally
        {
            service.Dispose();
            service.DeleteData();
        }
    }

    [Fact]
    public async Task Explains_an_attack_for_both_active_models()
    {
        var service = new TestService(model, new() { ["Nad:DefaultModels"] = "random-forest,isolation-forest" });
        File.Copy(model.UnsupervisedPath, Path.Combine(service.DataDir, "models", "isolation-forest.nadmodel"));
        await WithServiceAsync(service, async client =>
        {
            var response = await client.PostAsync("/api/v1/explain?top=4", TestService.Json(model.AnAttack));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await TestService.ReadJsonAsync(response);
            foreach (var (kind, name) in new[] { ("supervised", "random-forest"), ("unsupervised", "isolation-forest") })
            {
                var explanation = body.GetProperty(kind);
                Assert.Equal(name, explanation.GetProperty("model").GetProperty("name").GetString());
                Assert.Equal(12, explanation.GetProperty("model").GetProperty("version").GetString()!.Length);
                Assert.True(explanation.GetProperty("attack").GetBoolean(), kind);
                var contributions = explanation.GetProperty("contributions").EnumerateArray().ToArray();
                Assert.Equal(4, contributions.Length);
                var first = contributions[0];
                Assert.False(string.IsNullOrEmpty(first.GetProperty("description").GetString()));
                Assert.True(first.GetProperty("columns").GetArrayLength() >= 1);
                var score = explanation.GetProperty("score").GetDouble();
                Assert.Equal(score - first.GetProperty("scoreAtBaseline").GetDouble(), first.GetProperty("contribution").GetDouble(), 9);
                Assert.False(string.IsNullOrEmpty(explanation.GetProperty("counterfactual").GetProperty("sentence").GetString()));
            }
            // The same score as the scoring route gives.
            var predicted = await TestService.ReadJsonAsync(await client.PostAsync("/api/v1/supervised/predict", TestService.Json(model.AnAttack)));
            Assert.Equal(predicted.GetProperty("attackProbability").GetDouble(), body.GetProperty("supervised").GetProperty("score").GetDouble(), 9);
            return 0;
        });
    }

    [Fact]
    public async Task Without_an_unsupervised_model_that_part_is_left_out()
    {
        await WithServiceAsync(new TestService(model), async client =>
        {
            var body = await TestService.ReadJsonAsync(await client.PostAsync("/api/v1/explain", TestService.Json(model.ANormal)));
            Assert.False(body.GetProperty("supervised").GetProperty("attack").GetBoolean());
            Assert.False(body.TryGetProperty("unsupervised", out _)); // nulls are left out, as in every answer
            Assert.False(body.GetProperty("supervised").TryGetProperty("unavailable", out _));
            return 0;
        });
    }

    [Fact]
    public async Task Bad_input_is_the_same_400_problem_as_the_scoring_routes()
    {
        await WithServiceAsync(new TestService(model), async client =>
        {
            var json = RecordJsonWriter.ToJson(model.AnAttack).Replace("\"srcbytes\":0", "\"srcbytes\":-5");
            Assert.Contains("-5", json);
            var problem = await TestService.ProblemAsync(await client.PostAsync("/api/v1/explain", TestService.Json(json)), 400);
            Assert.Equal(["srcbytes"], TestService.ErrorFields(problem));
            var scoring = await TestService.ProblemAsync(await client.PostAsync("/api/v1/supervised/predict", TestService.Json(json)), 400);
            Assert.Equal(TestService.ErrorFields(scoring), TestService.ErrorFields(problem));

            var array = await TestService.ProblemAsync(await client.PostAsync("/api/v1/explain", TestService.Json([model.AnAttack])), 400);
            Assert.Contains("one record", array.GetProperty("detail").GetString());
            var top = await TestService.ProblemAsync(await client.PostAsync("/api/v1/explain?top=0", TestService.Json(model.AnAttack)), 400);
            Assert.Equal(["top"], TestService.ErrorFields(top));
            await TestService.ProblemAsync(await client.PostAsync("/api/v1/explain?top=five", TestService.Json(model.AnAttack)), 400); // not a number: no 500, no trace
            await TestService.ProblemAsync(await client.PostAsync("/api/v1/explain", new StringContent("duration=0")), 415);
            return 0;
        });
    }

    [Fact]
    public async Task With_no_model_loaded_it_answers_503()
    {
        var service = new TestService(model, new() { ["Nad:DefaultModels"] = "no-such-model" }, copyModel: false);
        await WithServiceAsync(service, async client =>
        {
            var problem = await TestService.ProblemAsync(await client.PostAsync("/api/v1/explain", TestService.Json(model.AnAttack)), 503);
            Assert.Contains("supervised", problem.GetProperty("title").GetString());
            return 0;
        });
    }

    [Fact]
    public async Task A_model_file_without_baseline_is_still_scored_and_says_so()
    {
        var service = new TestService(model);
        using (var zip = ZipFile.Open(Path.Combine(service.DataDir, "models", "random-forest.nadmodel"), ZipArchiveMode.Update))
            zip.GetEntry("baseline.json")!.Delete();
        await WithServiceAsync(service, async client =>
        {
            var response = await client.PostAsync("/api/v1/explain", TestService.Json(model.AnAttack));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var supervised = (await TestService.ReadJsonAsync(response)).GetProperty("supervised");
            Assert.Equal(NormalBaseline.MissingMessage, supervised.GetProperty("unavailable").GetString());
            Assert.Equal(0, supervised.GetProperty("contributions").GetArrayLength());
            Assert.True(supervised.GetProperty("attack").GetBoolean());
            return 0;
        });
    }
}
