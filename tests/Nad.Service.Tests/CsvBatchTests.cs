using System.Net;
using System.Text;
using System.Text.Json;
using Nad.Core.Records;

namespace Nad.Service.Tests;

/// <summary>text/csv bodies on the batch routes: the same answers as JSON, the same strictness, errors naming line and column.</summary>
[Collection(ServiceCollection.Name)]
public sealed class CsvBatchTests : IDisposable
{
    private readonly TrainedModel _model;
    private readonly TestService _service;

    public CsvBatchTests(TrainedModel model)
    {
        _model = model;
        _service = new TestService(model, new() { ["Nad:MaxBatchRecords"] = "50" });
    }

    public void Dispose()
    {
        _service.Dispose();
        _service.DeleteData();
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static string Rows(IEnumerable<ConnectionRecord> records) => string.Join("\n", records.Select(r => string.Join(",", r.ToFields()))) + "\n";

    [Theory]
    [InlineData("/api/v1/supervised/predict")]
    [InlineData("/api/v1/detect")]
    public async Task Csv_rows_get_the_same_answers_as_the_same_records_in_json(string route)
    {
        var records = _model.Unseen.Take(40).Select(u => u.Record).ToList();
        var client = _service.CreateClient();
        var fromJson = await (await client.PostAsync(route, TestService.Json(records))).Content.ReadAsStringAsync();
        var header = string.Join(",", NslKddSchema.Columns.Select(c => c.Name)) + "\n";
        var response = await client.PostAsync(route, Csv(header + Rows(records)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fromJson, await response.Content.ReadAsStringAsync());
        Assert.Contains("\"attack\"", fromJson);
    }

    [Fact]
    public async Task One_csv_row_is_answered_with_an_array_and_labels_after_the_41_columns_are_ignored()
    {
        var row = string.Join(",", _model.AnAttack.ToFields()) + ",neptune,21\n";
        var answer = await TestService.ReadJsonAsync(await _service.CreateClient().PostAsync("/api/v1/supervised/predict", Csv(row)));
        Assert.Equal(JsonValueKind.Array, answer.ValueKind);
        Assert.Equal("attack", answer[0].GetProperty("label").GetString());
    }

    [Fact]
    public async Task Bad_csv_rows_answer_400_naming_line_and_column()
    {
        var client = _service.CreateClient();
        var fields = _model.AnAttack.ToFields().ToArray();
        var good = string.Join(",", fields);
        var badRate = (string[])fields.Clone();
        badRate[NslKddSchema.Get("serrorrate").Index] = "1.5";
        var problem = await TestService.ProblemAsync(await client.PostAsync("/api/v1/supervised/predict", Csv($"{good}\n{string.Join(",", badRate)}\n")), 400);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal("line 2 (serrorrate)", error.Name);
        Assert.Contains("1.5", error.Value.ToString());

        Assert.Contains("line 1", TestService.ErrorFields(await TestService.ProblemAsync(
            await client.PostAsync("/api/v1/detect", Csv(string.Join(",", fields.Take(30)) + "\n")), 400))[0]);
        var longService = (string[])fields.Clone();
        longService[NslKddSchema.Get("service").Index] = new string('s', 65);
        Assert.Equal(["line 1 (service)"], TestService.ErrorFields(await TestService.ProblemAsync(
            await client.PostAsync("/api/v1/supervised/predict", Csv(string.Join(",", longService) + "\n")), 400)));
        Assert.Equal(["$"], TestService.ErrorFields(await TestService.ProblemAsync(await client.PostAsync("/api/v1/supervised/predict", Csv("")), 400)));
        var tooMany = await TestService.ProblemAsync(await client.PostAsync("/api/v1/supervised/predict", Csv(string.Concat(Enumerable.Repeat(good + "\n", 51)))), 400);
        Assert.Contains("more than 50 records", tooMany.GetProperty("errors").GetProperty("$").ToString());
        await TestService.ProblemAsync(await client.PostAsync("/api/v1/supervised/predict", new StringContent(good, Encoding.Latin1, "text/csv")), 415);
        await TestService.ProblemAsync(await client.PostAsync("/api/v1/explain", Csv(good + "\n")), 415); // CSV is for the batch routes only
    }
}
