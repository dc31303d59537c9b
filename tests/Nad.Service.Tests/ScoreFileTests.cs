using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Nad.Core.Reading;
using Nad.Core.Records;

namespace Nad.Service.Tests;

[Collection(ServiceCollection.Name)]
public sealed class ScoreFileTests(TrainedModel model)
{
    /// <summary>The first <paramref name="rows"/> rows of KDDTest+ as CSV text with its header.</summary>
    private static string TestCsv(int rows)
    {
        using var reader = new StreamReader(InputFile.Open(BundledData.TestPlus));
        var lines = new List<string>();
        for (var i = 0; i <= rows && reader.ReadLine() is { } line; i++) lines.Add(line);
        return string.Join("\n", lines) + "\n";
    }

    private static async Task<T> WithServiceAsync<T>(TrainedModel model, Func<HttpClient, Task<T>> test)
    {
        using var service = new TestService(model);
        try
        {
            return await test(service.CreateClient());
        }
        finally
        {
            service.Dispose();
            service.DeleteData();
        }
    }

    [Fact]
    public async Task A_csv_upload_is_answered_as_csv_one_line_per_row_across_chunks()
    {
        var csv = TestCsv(5000); // more than two 2,048-row chunks
        var lines = await WithServiceAsync(model, async client =>
        {
            var response = await client.PostAsync("/api/v1/score-file", new StringContent(csv, Encoding.UTF8, "text/csv"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            return (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        });
        Assert.Equal("row,line,verdict,label,attack_probability,anomaly_score,anomalous,unseen_categories", lines[0]);
        Assert.Equal(5001, lines.Length);
        Assert.StartsWith("5000,5001,", lines[^1]);
        var truth = NslKddReader.ReadRows(InputFile.Open(BundledData.TestPlus), BundledData.TestPlus).Take(5000).Select(r => r.Label!.Value.IsAttack).ToArray();
        var predicted = lines.Skip(1).Select(l => l.Split(',')[3] == "attack").ToArray();
        var accuracy = truth.Zip(predicted).Count(p => p.First == p.Second) / 5000.0;
        Assert.InRange(accuracy, 0.6, 1); // a 20-tree forest on 3,000 rows, on the harder official test set
    }

    [Fact]
    public async Task A_gzip_multipart_upload_is_answered_as_json_lines()
    {
        var gz = new MemoryStream();
        using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
            zip.Write(Encoding.UTF8.GetBytes(TestCsv(100)));
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(gz.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
        form.Add(file, "file", "../../../etc/passwd.csv.gz"); // the client's file name is never used as a path

        var lines = await WithServiceAsync(model, async client =>
        {
            var response = await client.PostAsync("/api/v1/score-file?format=jsonl", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
            return (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        });
        Assert.Equal(100, lines.Length);
        var first = System.Text.Json.JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal(1, first.GetProperty("row").GetInt32());
        Assert.Equal(2, first.GetProperty("line").GetInt32());
        Assert.Equal("random-forest", first.GetProperty("supervised").GetProperty("model").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_bad_row_in_the_first_chunk_answers_400_naming_line_and_column()
    {
        var csv = TestCsv(10).Split('\n');
        var fields = csv[4].Split(',');
        fields[NslKddSchema.Get("serrorrate").Index] = "7";
        csv[4] = string.Join(",", fields);
        var problem = await WithServiceAsync(model, async client =>
            await TestService.ProblemAsync(await client.PostAsync("/api/v1/score-file", new StringContent(string.Join("\n", csv), Encoding.UTF8, "text/csv")), 400));
        Assert.Equal(["line 5 (serrorrate)"], TestService.ErrorFields(problem));
    }

    [Fact]
    public async Task Wrong_content_type_or_format_is_refused()
    {
        await WithServiceAsync(model, async client =>
        {
            await TestService.ProblemAsync(await client.PostAsync("/api/v1/score-file", new StringContent("{}", Encoding.UTF8, "application/json")), 415);
            await TestService.ProblemAsync(await client.PostAsync("/api/v1/score-file?format=xml", new StringContent(TestCsv(2), Encoding.UTF8, "text/csv")), 400);
            await TestService.ProblemAsync(await client.PostAsync("/api/v1/score-file", new StringContent("", Encoding.UTF8, "text/csv")), 400);
            return 0;
        });
    }

    [Theory]
    [InlineData("/api/v1/score-file", "TEXT/CSV", "text/csv")]
    [InlineData("/api/v1/score-capture", "TEXT/PLAIN", "application/json")]
    public async Task Both_upload_routes_read_a_media_type_in_any_case_and_refuse_an_unknown_one(string route, string mediaType, string answer)
    {
        // Media type names are case-insensitive (RFC 9110 8.3.1): the shared upload prologue treats them so on both routes.
        var csv = Encoding.UTF8.GetBytes(TestCsv(3));
        await WithServiceAsync(model, async client =>
        {
            var upload = new ByteArrayContent(route.EndsWith("capture") ? Encoding.UTF8.GetBytes(ZeekSample) : csv);
            upload.Headers.ContentType = TestService.MediaType(mediaType);
            var response = await client.PostAsync(route, upload);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(answer, response.Content.Headers.ContentType?.MediaType);

            var image = new ByteArrayContent(csv);
            image.Headers.ContentType = TestService.MediaType("image/png");
            var problem = await TestService.ProblemAsync(await client.PostAsync(route, image), 415);
            Assert.Contains("'image/png'", problem.GetProperty("detail").GetString());
            return 0;
        });
    }

    /// <summary>A real conn.log (the service tests' sample), read as text.</summary>
    private static string ZeekSample => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "zeek-wikipedia.conn.log"));

    [Theory]
    [InlineData("/api/v1/score-file")]
    [InlineData("/api/v1/score-capture")]
    public async Task A_multipart_upload_with_no_boundary_or_no_file_section_answers_400_on_both_upload_routes(string route)
    {
        await WithServiceAsync(model, async client =>
        {
            var noBoundary = new ByteArrayContent(Encoding.UTF8.GetBytes("--x\r\n\r\n--x--\r\n"));
            noBoundary.Headers.ContentType = TestService.MediaType("multipart/form-data");
            var problem = await TestService.ProblemAsync(await client.PostAsync(route, noBoundary), 400);
            Assert.Contains("no valid boundary", problem.GetProperty("detail").GetString());

            var fieldsOnly = new MultipartFormDataContent { { new StringContent("not a file"), "comment" } };
            problem = await TestService.ProblemAsync(await client.PostAsync(route, fieldsOnly), 400);
            Assert.Contains("no file section", problem.GetProperty("detail").GetString());
            return 0;
        });
    }
}

[Collection(ServiceCollection.Name)]
public sealed class StartupTests(TrainedModel model)
{
    [Fact]
    public async Task With_no_model_in_the_data_folder_the_default_model_is_trained_first_then_served()
    {
        using var service = new TestService(model, new()
        {
            ["Nad:Training:MaxRows"] = "2000",
            ["Nad:Training:Parameters:trees"] = "10",
        }, copyModel: false);
        try
        {
            var client = service.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.True(File.Exists(Path.Combine(service.DataDir, "models", "random-forest.nadmodel")));
            var models = await TestService.ReadJsonAsync(await client.GetAsync("/api/v1/models"));
            Assert.Equal(2000, models[0].GetProperty("trainingData").GetProperty("rows").GetInt64());
            Assert.Equal("10", models[0].GetProperty("parameters").GetProperty("trees").GetString());
            var predicted = await client.PostAsync("/api/v1/supervised/predict", TestService.Json(model.AnAttack));
            Assert.Equal(HttpStatusCode.OK, predicted.StatusCode);
        }
        finally
        {
            service.Dispose();
            service.DeleteData();
        }
    }
}
