using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Nad.Core.Wire;

namespace Nad.Service.Tests;

/// <summary>Every kind of bad request answers 400/413/415 problem+json naming each bad field; none is a 5xx.</summary>
[Collection(ServiceCollection.Name)]
public sealed class BadInputTests(TrainedModel model) : IDisposable
{
    private readonly TestService _service = new(model, new()
    {
        ["Nad:MaxBatchRecords"] = "5",
        ["Nad:MaxJsonBodyBytes"] = "8192",
    });

    public void Dispose()
    {
        _service.Dispose();
        _service.DeleteData();
    }

    private JsonObject Record() => JsonNode.Parse(RecordJsonWriter.ToJson(model.ANormal))!.AsObject();

    private async Task<string[]> BadFieldsAsync(string json, string route = "/api/v1/supervised/predict")
    {
        var response = await _service.CreateClient().PostAsync(route, TestService.Json(json));
        return TestService.ErrorFields(await TestService.ProblemAsync(response, 400));
    }

    [Fact]
    public async Task Missing_field_is_named()
    {
        var record = Record();
        record.Remove("srcbytes");
        Assert.Equal(["srcbytes"], await BadFieldsAsync(record.ToJsonString()));
    }

    [Fact]
    public async Task Extra_field_is_named()
    {
        var record = Record();
        record["attack"] = "normal";
        Assert.Equal(["attack"], await BadFieldsAsync(record.ToJsonString()));
    }

    [Theory]
    [InlineData("srcbytes", "\"12\"")]         // a string for a number
    [InlineData("srcbytes", "null")]
    [InlineData("srcbytes", "true")]
    [InlineData("srcbytes", "[1]")]
    [InlineData("service", "7")]              // a number for a category
    [InlineData("service", "\"\"")]           // an empty category
    [InlineData("duration", "-1")]            // a negative count
    [InlineData("dstbytes", "-0.5")]
    [InlineData("serrorrate", "1.5")]         // a rate outside 0..1
    [InlineData("dsthostsrvrerrorrate", "-0.01")]
    [InlineData("land", "2")]                 // a binary that is not 0 or 1
    [InlineData("srcbytes", "1e400")]         // infinity
    [InlineData("srcbytes", "\"NaN\"")]
    [InlineData("count", "\"Infinity\"")]
    public async Task Wrong_type_or_value_is_named(string field, string value)
    {
        var json = Record().ToJsonString().Replace($"\"{field}\":", $"\"{field}\":{value},\"__drop\":", StringComparison.Ordinal);
        // Replace the original value with the bad one by dropping the field that now follows under a dummy name.
        var record = JsonNode.Parse(json)!.AsObject();
        record.Remove("__drop");
        Assert.Equal([field], await BadFieldsAsync(record.ToJsonString()));
    }

    [Fact]
    public async Task Duplicate_field_is_named()
    {
        var json = Record().ToJsonString().TrimEnd('}') + ",\"hot\":0}";
        Assert.Equal(["hot"], await BadFieldsAsync(json));
    }

    [Fact]
    public async Task Every_bad_field_of_every_record_in_a_batch_is_named()
    {
        var good = Record();
        var bad1 = Record();
        bad1["srcbytes"] = -5;
        bad1["flag"] = 3;
        var bad3 = Record();
        bad3["samesrvrate"] = 2;
        var json = new JsonArray(good.DeepClone(), bad1, good.DeepClone(), bad3).ToJsonString();
        Assert.Equal(["[1].flag", "[1].srcbytes", "[3].samesrvrate"], (await BadFieldsAsync(json)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("[]", "the batch is empty")]
    [InlineData("", "the body is empty")]
    [InlineData("{\"duration\": 0,", "malformed JSON")]
    [InlineData("{duration: 0}", "malformed JSON")]
    [InlineData("[1, 2]", "expected a connection record")]
    [InlineData("42", "expected one connection record")]
    [InlineData("\"text\"", "expected one connection record")]
    [InlineData("{} {}", "malformed JSON")]
    public async Task Malformed_or_empty_bodies_answer_400(string body, string expected)
    {
        var response = await _service.CreateClient().PostAsync("/api/v1/detect", TestService.Json(body));
        var problem = await TestService.ProblemAsync(response, 400);
        Assert.Contains(expected, problem.GetProperty("errors").ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_batch_over_the_limit_answers_400()
    {
        var json = "[" + string.Join(",", Enumerable.Repeat(Record().ToJsonString(), 6)) + "]";
        // 6 records of ~1 KB fit the 8 KB body limit but not the 5-record batch limit.
        var problem = await TestService.ProblemAsync(await _service.CreateClient().PostAsync("/api/v1/supervised/predict", TestService.Json(json)), 400);
        Assert.Contains("more than 5 records", problem.GetProperty("errors").GetProperty("$").ToString());
    }

    [Fact]
    public async Task A_body_over_the_size_limit_answers_413()
    {
        var json = "[" + string.Join(",", Enumerable.Repeat(Record().ToJsonString(), 12)) + "]";
        await TestService.ProblemAsync(await _service.CreateClient().PostAsync("/api/v1/supervised/predict", TestService.Json(json)), 413);

        // Also when the length is not announced up front (chunked).
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/supervised/predict") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await TestService.ProblemAsync(await _service.CreateClient().SendAsync(request), 413);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=utf-16")]
    public async Task A_wrong_content_type_answers_415(string contentType)
    {
        var content = new StringContent(Record().ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        await TestService.ProblemAsync(await _service.CreateClient().PostAsync("/api/v1/supervised/predict", content), 415);
    }

    [Fact]
    public async Task No_content_type_answers_415()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Record().ToJsonString()));
        await TestService.ProblemAsync(await _service.CreateClient().PostAsync("/api/v1/detect", content), 415);
    }

    [Fact]
    public async Task Wrong_method_is_refused_without_a_5xx()
    {
        var response = await _service.CreateClient().GetAsync("/api/v1/supervised/predict");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
