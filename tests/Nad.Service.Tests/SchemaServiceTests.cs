using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.ModelFiles;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Training;

namespace Nad.Service.Tests;

/// <summary>
/// Issue 14: the service serves a model of another schema as a new user expects (<c>nad train --schema unsw-nb15 ...</c>,
/// then <c>nad serve --model u.nadmodel</c>): records with the model's own column names on v1 and v2, a 400 naming every
/// missing and extra column, the OpenAPI document and the dashboard's form describing its columns.
/// A random forest trained on the shipped UNSW-NB15 sample (data/flows), served through <c>Nad:ModelFiles</c>.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class SchemaServiceTests(TrainedModel model)
{
    private static readonly Lazy<UnswModel> Unsw = new(() => new UnswModel());

    [Fact]
    public async Task A_real_unsw_record_is_scored_by_its_own_column_names_on_v1_and_v2_as_the_model_scores_it()
    {
        var unsw = Unsw.Value;
        using var service = Serve(unsw);
        using var cleanup = new DeleteOnDispose(service);
        var client = service.CreateClient();
        var a = Enumerable.Range(0, unsw.Rows.Count).First(i => unsw.Rows[i].Label.IsAttack);
        var n = Enumerable.Range(0, unsw.Rows.Count).First(i => !unsw.Rows[i].Label.IsAttack);
        var (attack, normal) = (unsw.Json[a], unsw.Json[n]);
        var expected = unsw.Detector.Score([unsw.Rows[a].Record, unsw.Rows[n].Record]);

        var v2 = await TestService.ReadJsonAsync(await client.PostAsync("/api/v2/supervised/predict", TestService.Json($"[{attack},{normal}]")));
        Assert.Equal(2, v2.GetArrayLength());
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("u", v2[i].GetProperty("model").GetProperty("name").GetString());
            Assert.Equal(expected[i], v2[i].GetProperty("score").GetDouble(), 12);
            Assert.Equal(unsw.Detector.IsAttack(expected[i]), v2[i].GetProperty("attack").GetBoolean());
        }
        var v1 = await TestService.ReadJsonAsync(await client.PostAsync("/api/v1/supervised/predict", TestService.Json(attack)));
        Assert.Equal(expected[0], v1.GetProperty("attackProbability").GetDouble(), 12);

        // The same rows as CSV under their header (any order of columns; id, attack_cat and label read past).
        var csv = new StringContent(unsw.Header + "\n" + unsw.Lines[a] + "\n" + unsw.Lines[n] + "\n", Encoding.UTF8, "text/csv");
        var fromCsv = await TestService.ReadJsonAsync(await client.PostAsync("/api/v2/supervised/predict", csv));
        Assert.Equal(2, fromCsv.GetArrayLength());
        for (var i = 0; i < 2; i++) Assert.Equal(expected[i], fromCsv[i].GetProperty("score").GetDouble(), 12);

        // A protocol the model never saw is named by the model's own column, not an NSL-KDD one.
        var unseen = JsonNode.Parse(attack)!.AsObject();
        unseen["proto"] = "no-such-protocol";
        var flagged = await TestService.ReadJsonAsync(await client.PostAsync("/api/v2/supervised/predict", TestService.Json(unseen.ToJsonString())));
        Assert.Equal(["proto"], flagged.GetProperty("unseenCategories").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_unsw_attack_scored_through_the_api_is_stored_and_read_back_from_the_alerts_with_its_own_columns()
    {
        var unsw = Unsw.Value;
        using var service = Serve(unsw);
        using var cleanup = new DeleteOnDispose(service);
        var client = service.CreateClient();
        // A real attack row the model also judges an attack, so the service stores an alert for it.
        var a = Enumerable.Range(0, unsw.Rows.Count).First(i => unsw.Rows[i].Label.IsAttack && unsw.Detector.IsAttack(unsw.Detector.Score([unsw.Rows[i].Record])[0]));
        var sent = JsonNode.Parse(unsw.Json[a])!.AsObject();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v2/detect", TestService.Json(unsw.Json[a]))).StatusCode);

        JsonElement page;
        for (var attempt = 0; ; attempt++)
        {
            page = await TestService.ReadJsonAsync(await client.GetAsync("/api/v1/alerts"));
            if (page.GetProperty("total").GetInt64() >= 1 || attempt == 200) break;
            await Task.Delay(50); // the writer commits in the background
        }
        var alert = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.False(alert.TryGetProperty("recordProblem", out var problem) && problem.ValueKind != JsonValueKind.Null, problem.ToString());
        var record = alert.GetProperty("record");
        // Every UNSW-NB15 column by its own name with the value sent, and no NSL-KDD name.
        var names = record.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(unsw.Detector.Schema.FeatureColumns.Select(c => c.Name), names);
        foreach (var column in unsw.Detector.Schema.Columns)
            if (column.IsCategorical) Assert.Equal(sent[column.Name]!.GetValue<string>(), record.GetProperty(column.Name).GetString());
            else Assert.Equal(sent[column.Name]!.GetValue<double>(), record.GetProperty(column.Name).GetDouble());
        Assert.DoesNotContain("srcbytes", names);

        // The dashboard's alerts by service count it under UNSW-NB15's own service column.
        var overview = await TestService.ReadJsonAsync(await client.GetAsync("/api/v1/overview"));
        var byService = Assert.Single(overview.GetProperty("alertsByService").EnumerateArray());
        Assert.Equal(sent["service"]!.GetValue<string>(), byService.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_record_missing_columns_or_with_extra_ones_is_a_400_naming_every_one()
    {
        var unsw = Unsw.Value;
        using var service = Serve(unsw);
        using var cleanup = new DeleteOnDispose(service);
        var client = service.CreateClient();
        var record = JsonNode.Parse(unsw.Json[0])!.AsObject();
        record.Remove("sbytes");
        record.Remove("proto");
        record["srcbytes"] = 5; // an NSL-KDD name: not a column of this model
        record["bogus"] = "x";

        foreach (var route in new[] { "/api/v2/supervised/predict", "/api/v2/detect", "/api/v1/supervised/predict" })
        {
            var problem = await TestService.ProblemAsync(await client.PostAsync(route, TestService.Json("[" + unsw.Json[1] + "," + record.ToJsonString() + "]")), 400);
            Assert.Equal(["[1].bogus", "[1].proto", "[1].sbytes", "[1].srcbytes"], TestService.ErrorFields(problem).Order(StringComparer.Ordinal));
            var errors = problem.GetProperty("errors");
            Assert.Contains("is missing", errors.GetProperty("[1].sbytes")[0].GetString());
            Assert.Contains("not a column of schema 'unsw-nb15'", errors.GetProperty("[1].bogus")[0].GetString());
        }

        // A wrong type in a numeric column and in a categorical one, named by field.
        var wrong = JsonNode.Parse(unsw.Json[0])!.AsObject();
        wrong["dur"] = "slow";
        wrong["service"] = 3;
        var typed = await TestService.ProblemAsync(await client.PostAsync("/api/v2/supervised/predict", TestService.Json(wrong.ToJsonString())), 400);
        Assert.Equal(["dur", "service"], TestService.ErrorFields(typed).Order(StringComparer.Ordinal));

        // An NSL-KDD record sent to this model: every UNSW column missing, every NSL-KDD one extra.
        var nsl = await TestService.ProblemAsync(await client.PostAsync("/api/v2/supervised/predict", TestService.Json(model.AnAttack)), 400);
        var fields = TestService.ErrorFields(nsl);
        Assert.Contains("srcbytes", fields);
        Assert.Contains("sttl", fields);
    }

    [Fact]
    public async Task The_openapi_document_and_the_dashboard_form_describe_the_served_models_columns()
    {
        var unsw = Unsw.Value;
        using var service = Serve(unsw);
        using var cleanup = new DeleteOnDispose(service);
        var client = service.CreateClient();
        var document = await TestService.ReadJsonAsync(await client.GetAsync("/openapi/v1.json"));
        foreach (var route in new[] { "/api/v2/supervised/predict", "/api/v1/detect" })
        {
            var body = document.GetProperty("paths").GetProperty(route).GetProperty("post").GetProperty("requestBody")
                .GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("oneOf")[0];
            var properties = body.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
            var required = body.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal);
            Assert.Equal(unsw.Detector.Schema.Columns.Select(c => c.Name).Order(StringComparer.Ordinal), required);
            Assert.Contains("sbytes", properties);
            Assert.Contains("attack_cat", properties); // read past, documented as not a feature
            Assert.DoesNotContain("srcbytes", properties);
            Assert.Equal("string", body.GetProperty("properties").GetProperty("proto").GetProperty("type").GetString());
        }

        var schema = await TestService.ReadJsonAsync(await client.GetAsync("/api/v1/schema"));
        Assert.Equal(unsw.Detector.Schema.Columns.Select(c => c.Name), schema.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Contains("tcp", schema.GetProperty("categories").GetProperty("proto").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, (await TestService.ReadJsonAsync(await client.GetAsync("/api/v1/presets"))).GetArrayLength());
        await TestService.ProblemAsync(await client.GetAsync("/api/v1/models/u/evaluation"), 409);
    }

    [Fact]
    public async Task Routes_that_read_nsl_kdd_only_say_so_and_explain_names_the_models_columns()
    {
        var unsw = Unsw.Value;
        using var service = Serve(unsw);
        using var cleanup = new DeleteOnDispose(service);
        var client = service.CreateClient();
        var upload = new StringContent(unsw.Header + "\n" + unsw.Lines[0] + "\n", Encoding.UTF8, "text/csv");
        var problem = await TestService.ProblemAsync(await client.PostAsync("/api/v1/score-file", upload), 409);
        Assert.Contains("'unsw-nb15'", problem.GetProperty("detail").GetString());

        var explained = await TestService.ReadJsonAsync(await client.PostAsync("/api/v1/explain", TestService.Json(unsw.Json[0])));
        var supervised = explained.GetProperty("supervised");
        Assert.Equal("u", supervised.GetProperty("model").GetProperty("name").GetString());
        Assert.Equal(unsw.Detector.Score([unsw.Rows[0].Record])[0], supervised.GetProperty("score").GetDouble(), 12);
        // The model file holds a normal baseline over UNSW-NB15's columns, so each contribution names one of them.
        Assert.False(supervised.TryGetProperty("unavailable", out _));
        var columns = unsw.Detector.Schema.Columns.Select(c => c.Name).ToHashSet();
        var features = supervised.GetProperty("contributions").EnumerateArray().Select(c => c.GetProperty("feature").GetString()!).ToArray();
        Assert.NotEmpty(features);
        Assert.All(features, f => Assert.Contains(f, columns));
    }

    [Fact]
    public async Task A_cic_ids2017_isolation_forest_scores_real_rows_with_infinity_as_the_csv_reader_reads_them()
    {
        // The TrafficLabelling sample (all BENIGN: an unsupervised model), header names with leading spaces, Fwd Header Length twice.
        var sample = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(BundledData.Train)!, "..", "flows", "cic-ids2017-trafficlabelling-sample.csv.gz");
        var schema = BuiltInSchemas.CicIds2017;
        var data = RecordReader.ReadFile(schema, sample);
        var trainer = DetectorCatalog.Get("isolation-forest").CreateTrainer(new TrainerSettings { Threads = 2, Parameters = new Dictionary<string, string> { ["trees"] = "20" } });
        var folder = Directory.CreateTempSubdirectory("nad-cic-").FullName;
        var path = System.IO.Path.Combine(folder, "c.nadmodel");
        ModelFile.Save(DetectorTraining.Train(trainer, data, new TrainingDataInfo("cic sample", "test", data.Count)), path);
        var detector = ModelFile.Load(path);

        string[] lines;
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(sample), CompressionMode.Decompress), Encoding.Latin1))
            lines = [.. Enumerable.Range(0, data.Count + 1).Select(_ => reader.ReadLine()!)];
        var names = lines[0].Split(',');
        var withInfinity = Enumerable.Range(1, data.Count).First(i => lines[i].Contains("Infinity", StringComparison.Ordinal));
        var json = new JsonObject();
        var cells = lines[withInfinity].Split(',');
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i].Trim();
            if (json.ContainsKey(name)) continue; // the duplicated column: a JSON object has each name once
            json[name] = schema.Find(name) is { IsCategorical: false } && cells[i] != "Infinity"
                ? JsonValue.Create(double.Parse(cells[i], CultureInfo.InvariantCulture))
                : JsonValue.Create(cells[i]);
        }

        using var service = new TestService(model, new() { ["Nad:DefaultModels"] = "", ["Nad:ModelFiles"] = path }, copyModel: false);
        using var cleanup = new DeleteOnDispose(service);
        try
        {
            var client = service.CreateClient();
            var answer = await TestService.ReadJsonAsync(await client.PostAsync("/api/v2/unsupervised/score", TestService.Json(json.ToJsonString())));
            Assert.Equal(detector.Score([data.Records[withInfinity - 1]])[0], answer.GetProperty("score").GetDouble(), 12);
            Assert.Equal("c", answer.GetProperty("model").GetProperty("name").GetString());

            json["Flow Duration"] = "Infinity"; // not a column that may be missing
            var problem = await TestService.ProblemAsync(await client.PostAsync("/api/v2/unsupervised/score", TestService.Json(json.ToJsonString())), 400);
            Assert.Equal(["Flow Duration"], TestService.ErrorFields(problem));
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private TestService Serve(UnswModel unsw) => new(model, new()
    {
        ["Nad:DefaultModels"] = "",
        ["Nad:ModelFiles"] = unsw.Path,
    }, copyModel: false);

    private sealed class DeleteOnDispose(TestService service) : IDisposable
    {
        public void Dispose()
        {
            service.Dispose();
            service.DeleteData();
        }
    }

    /// <summary>A random forest trained on three rows in four of the UNSW-NB15 sample; the rest, as CSV lines, JSON records and read records, to send.</summary>
    private sealed class UnswModel
    {
        public UnswModel()
        {
            var sample = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(BundledData.Train)!, "..", "flows", "unsw-nb15-testing-sample.csv.gz");
            var schema = BuiltInSchemas.UnswNb15;
            var all = RecordReader.ReadFile(schema, sample);
            bool Held(int i) => i % 4 == 0; // a quarter held out, spread over the file (it is in label order)
            var train = Enumerable.Range(0, all.Count).Where(i => !Held(i)).ToArray();
            var training = new ConnectionDataset("three rows in four", [.. train.Select(i => all.Records[i])], [.. train.Select(i => all.Labels![i])]) { Schema = schema };
            var trainer = DetectorCatalog.Get("random-forest").CreateTrainer(new TrainerSettings { Threads = 2, Parameters = new Dictionary<string, string> { ["trees"] = "20" } });
            Path = System.IO.Path.Combine(Directory.CreateTempSubdirectory("nad-unsw-").FullName, "u.nadmodel");
            ModelFile.Save(DetectorTraining.Train(trainer, training, new TrainingDataInfo("three rows in four", "test", train.Length)), Path);
            Detector = ModelFile.Load(Path);

            using var reader = new StreamReader(new GZipStream(File.OpenRead(sample), CompressionMode.Decompress));
            Header = reader.ReadLine()!.TrimStart('\uFEFF');
            var names = Header.Split(',');
            var lines = Enumerable.Range(0, all.Count).Select(_ => reader.ReadLine()!).ToArray(); // the sample is clean: one record per line
            Lines = [.. lines.Where((_, i) => Held(i))];
            Rows = [.. Enumerable.Range(0, all.Count).Where(Held).Select(i => (all.Records[i], all.Labels![i]))];
            Json = [.. Lines.Select(line => ToJson(schema, names, line.Split(',')))];
        }

        public Detector Detector { get; }
        public string Path { get; }
        public string Header { get; }
        public IReadOnlyList<string> Lines { get; }
        public IReadOnlyList<(ConnectionRecord Record, AttackLabel Label)> Rows { get; }
        public IReadOnlyList<string> Json { get; }

        private static string ToJson(RecordSchema schema, string[] names, string[] cells)
        {
            var record = new JsonObject();
            for (var i = 0; i < names.Length; i++)
                record[names[i]] = schema.Find(names[i]) is { IsCategorical: false }
                    ? JsonValue.Create(double.Parse(cells[i], CultureInfo.InvariantCulture))
                    : JsonValue.Create(cells[i]);
            return record.ToJsonString();
        }
    }
}
