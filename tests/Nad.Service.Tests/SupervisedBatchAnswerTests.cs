using System.Buffers;
using System.Net;
using System.Text.Json;
using Nad.Alerts;
using Nad.Core.ModelFiles;
using Nad.Service.Alerts;
using Nad.Service.Endpoints;
using Nad.Service.Http;
using Nad.Service.Models;
using Nad.Service.Scoring;

namespace Nad.Service.Tests;

[Collection(ServiceCollection.Name)]
public sealed class SupervisedBatchAnswerTests(TrainedModel model)
{
    private static readonly JsonSerializerOptions Json = Options();

    private static JsonSerializerOptions Options()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ServiceJson.Configure(json); // what the service's HTTP JSON options get
        return json;
    }

    private static void AssertSameBytesAsTheSerializer(SupervisedResult[] results)
    {
        var written = new ArrayBufferWriter<byte>();
        SupervisedBatchAnswer.Write(results, Json, written);
        Assert.Equal(JsonSerializer.Serialize(results, Json), System.Text.Encoding.UTF8.GetString(written.WrittenSpan));
    }

    [Fact]
    public void Real_results_are_the_serializers_bytes()
    {
        var loaded = new LoadedModel("random-forest", ModelFile.Load(model.Path));
        var results = Scorer.Supervised(loaded, [.. model.Unseen.Select(u => u.Record)]);
        Assert.Contains(results, r => r.Label == Labels.Attack);
        Assert.Contains(results, r => r.Label == Labels.Normal);
        AssertSameBytesAsTheSerializer(results);
    }

    [Fact]
    public void Every_other_shape_and_odd_numbers_are_the_serializers_bytes()
    {
        var a = new ModelRef("random-forest", "ee353ed2f104");
        var b = new ModelRef("other \"model\" <é>", "1");
        AssertSameBytesAsTheSerializer([]);
        AssertSameBytesAsTheSerializer(
        [
            new(Labels.Attack, 0.1 + 0.2, 0.6301887548507508, a, null),
            new(Labels.Normal, 1e-7, 0.6301887548507508, a, null),
            new(Labels.Normal, double.Epsilon, 0.5, a, null), // the threshold changes: the tail is encoded again
            new(Labels.Attack, 1, 0.5, b, null), // so does the model
            new(Labels.Normal, 0.2, 0.5, b, ["service", "fl<a>g\u00e9\"\\"]),
            new(Labels.Attack, double.NaN, 0.5, b, null),
            new(Labels.Attack, 0.3, double.PositiveInfinity, b, null),
            new("weird", 0, 0, a, null),
            new(Labels.Attack, 123456789.125, 0, a, null),
        ]);
    }

    [Fact]
    public async Task A_batch_through_the_api_is_answered_in_the_serializers_form()
    {
        using var service = new TestService(model);
        try
        {
            var response = await service.CreateClient().PostAsync("/api/v1/supervised/predict", TestService.Json(model.Unseen.Take(700).Select(u => u.Record)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
            var body = await response.Content.ReadAsStringAsync();
            var results = JsonSerializer.Deserialize<SupervisedResult[]>(body, Json)!;
            Assert.Equal(700, results.Length); // several flushes of 256
            Assert.Equal(JsonSerializer.Serialize(results, Json), body);
        }
        finally
        {
            service.Dispose();
            service.DeleteData();
        }
    }
}
