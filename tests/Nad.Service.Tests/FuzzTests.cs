using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Nad.Core.Records;
using Nad.Core.Wire;
using Xunit.Abstractions;

namespace Nad.Service.Tests;

/// <summary>
/// 10,000 randomly corrupted requests (seeded, so a failure can be replayed): byte flips,
/// truncations, dropped, added and retyped fields, bad values, odd batches, wrong content
/// types, garbage, deep nesting, random query strings and admin calls. None may answer 5xx or
/// leak a stack trace; every refusal is problem+json; and a good request still works afterwards.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class FuzzTests(TrainedModel model, ITestOutputHelper output)
{
    private const int Requests = 10_000;

    // /unsupervised/score is left out only because, with no unsupervised model loaded, its honest answer is 503.
    private static readonly string[] JsonRoutes = ["/api/v1/supervised/predict", "/api/v1/detect"];

    private static readonly string[] BadValues =
    [
        "-1", "-0.0001", "1e308", "1e999", "-1e999", "2", "0.5", "1.0000001", "\"x\"", "\"\"", "null", "true", "false", "[]", "{}",
        "[1,2]", "{\"a\":1}", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "123456789012345678901234567890", "0x10", "01", "1.", ".5",
        "\"" + new string('s', 1000) + "\"", "\"\\u0000\"", "\"tcp\"", "\"\\ud800\"", "-", "1e", "NaN", "Infinity",
    ];

    private static readonly string?[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/problem+json", "text/plain", null, "application/xml",
        "application/json; charset=latin1", "multipart/form-data; boundary=x", "text/csv", "application/octet-stream", "*/*",
    ];

    [Fact]
    public async Task Ten_thousand_corrupted_requests_get_no_5xx_and_the_service_still_answers()
    {
        using var service = new TestService(model, new() { ["Nad:MaxBatchRecords"] = "50", ["Nad:MaxJsonBodyBytes"] = "65536" });
        try
        {
            var client = service.CreateClient();
            var records = model.Unseen.Take(200).Select(r => RecordJsonWriter.ToJson(r.Record)).ToArray();
            var statuses = new Dictionary<int, int>();
            var failures = new List<string>();
            var timeByKind = new double[10];

            await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, token) =>
            {
                var random = new Random(1000 + i);
                var kind = random.Next(10);
                using var request = Corrupted(kind, random, records);
                var description = $"#{i} {request.Method} {request.RequestUri}";
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request, token);
                var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync(token);
                lock (statuses)
                {
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    timeByKind[kind] += elapsed;
                    if (status >= 500) failures.Add($"{description}: {status} {body}");
                    else if (body.Contains("   at ", StringComparison.Ordinal)) failures.Add($"{description}: stack trace in {body}");
                    else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                        failures.Add($"{description}: {status} without problem+json ({response.Content.Headers.ContentType})");
                }
            });

            output.WriteLine("answers: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
            output.WriteLine("seconds by request kind: " + string.Join(", ", timeByKind.Select((t, k) => $"{k}: {t:0.0}")));
            Assert.True(failures.Count == 0, $"{failures.Count} bad answers; first: {string.Join("\n", failures.Take(5))}");
            Assert.Equal(Requests, statuses.Values.Sum());
            Assert.True(statuses.GetValueOrDefault(400) > Requests / 4, string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}")));

            var good = await client.PostAsync("/api/v1/supervised/predict", TestService.Json(model.AnAttack));
            Assert.Equal(HttpStatusCode.OK, good.StatusCode);
            Assert.Equal("attack", (await TestService.ReadJsonAsync(good)).GetProperty("label").GetString());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            service.DeleteData();
        }
    }

    private static HttpRequestMessage Corrupted(int kind, Random random, string[] records) =>
        kind switch
        {
            <= 5 => Post(random, JsonRoutes[random.Next(JsonRoutes.Length)], CorruptJson(random, records), PickContentType(random)),
            6 => Post(random, "/api/v1/score-file" + (random.Next(3) == 0 ? "?format=" + Word(random) : random.Next(2) == 0 ? "?format=jsonl" : ""),
                CorruptCsv(random, records), random.Next(4) == 0 ? PickContentType(random) : "text/csv"),
            7 => new HttpRequestMessage(HttpMethod.Get, "/api/v1/alerts?" + RandomQuery(random)),
            8 => Activate(random),
            _ => Post(random, JsonRoutes[random.Next(JsonRoutes.Length)], Garbage(random), PickContentType(random)),
        };

    private static string? PickContentType(Random random) =>
        random.Next(3) == 0 ? ContentTypes[random.Next(ContentTypes.Length)] : "application/json";

    private static HttpRequestMessage Post(Random random, string route, byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var media)) content.Headers.ContentType = media;
        var request = new HttpRequestMessage(random.Next(50) == 0 ? HttpMethod.Put : HttpMethod.Post, route) { Content = content };
        if (random.Next(10) == 0) request.Headers.TransferEncodingChunked = true;
        return request;
    }

    private static byte[] CorruptJson(Random random, string[] records)
    {
        string json;
        var batch = random.Next(3) == 0;
        if (batch)
        {
            var count = random.Next(0, 60); // sometimes over the 50-record limit
            json = "[" + string.Join(",", Enumerable.Range(0, count).Select(_ => MutateRecord(random, records[random.Next(records.Length)]))) + "]";
        }
        else json = MutateRecord(random, records[random.Next(records.Length)]);

        var bytes = Encoding.UTF8.GetBytes(json);
        switch (random.Next(8))
        {
            case 0: // flip bytes
                for (var k = random.Next(1, 6); k > 0 && bytes.Length > 0; k--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
            case 1: // truncate
                return bytes[..random.Next(bytes.Length + 1)];
            case 2: // deep nesting
                var depth = random.Next(1, 2000);
                return Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', random.Next(depth + 1)));
            case 3: // too big
                return random.Next(4) == 0 ? Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat(records[0], 80)) + "]") : bytes;
            default:
                return bytes;
        }
    }

    private static string MutateRecord(Random random, string json)
    {
        var fields = NslKddSchema.Columns;
        for (var k = random.Next(0, 4); k > 0; k--)
        {
            var field = fields[random.Next(fields.Count)].Name;
            json = random.Next(5) switch
            {
                0 => RemoveField(json, field),
                1 => json.TrimEnd('}') + $",\"{Word(random)}\":{BadValues[random.Next(BadValues.Length)]}}}",
                2 => json.TrimEnd('}') + $",\"{field}\":1}}",
                _ => ReplaceValue(json, field, BadValues[random.Next(BadValues.Length)]),
            };
        }
        return json;
    }

    private static string RemoveField(string json, string field)
    {
        var start = json.IndexOf($"\"{field}\":", StringComparison.Ordinal);
        if (start < 0) return json;
        var end = json.IndexOfAny([',', '}'], start);
        return json.Remove(start, end - start + (json[end] == ',' ? 1 : 0)).Replace(",}", "}", StringComparison.Ordinal);
    }

    private static string ReplaceValue(string json, string field, string value)
    {
        var key = $"\"{field}\":";
        var start = json.IndexOf(key, StringComparison.Ordinal);
        if (start < 0) return json;
        start += key.Length;
        var end = json.IndexOfAny([',', '}'], start);
        return json[..start] + value + json[end..];
    }

    private static byte[] CorruptCsv(Random random, string[] records)
    {
        var lines = new List<string>();
        if (random.Next(2) == 0) lines.Add(string.Join(",", NslKddSchema.Columns.Select(c => c.Name)));
        for (var r = random.Next(0, 30); r > 0; r--)
        {
            var fields = records[random.Next(records.Length)].Trim('{', '}').Split(',').Select(p => p[(p.IndexOf(':') + 1)..].Trim('"')).ToList();
            if (random.Next(3) == 0) fields[random.Next(fields.Count)] = BadValues[random.Next(BadValues.Length)].Trim('"');
            if (random.Next(8) == 0) fields.RemoveAt(random.Next(fields.Count));
            lines.Add(string.Join(",", fields));
        }
        var bytes = Encoding.UTF8.GetBytes(string.Join("\n", lines));
        if (random.Next(4) == 0 && bytes.Length > 0) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        if (random.Next(6) == 0) return [0x1f, 0x8b, .. bytes]; // claims gzip, is not
        return bytes;
    }

    private static byte[] Garbage(Random random)
    {
        var bytes = new byte[random.Next(0, 4000)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string RandomQuery(Random random)
    {
        string[] keys = ["from", "to", "label", "family", "model", "page", "pageSize", Word(random)];
        string[] values = ["", "attack", "anomaly", "DoS", "normal", "-1", "0", "1", "99999999999", "2026-11-25T10:00:00Z", "yesterday",
            "random-forest", "' OR 1=1 --", "%00", "1e9", new string('z', 300)];
        return string.Join("&", Enumerable.Range(0, random.Next(0, 5))
            .Select(_ => $"{keys[random.Next(keys.Length)]}={Uri.EscapeDataString(values[random.Next(values.Length)])}"));
    }

    private static HttpRequestMessage Activate(Random random)
    {
        string[] names = ["random-forest", "isolation-forest", "..%2F..%2Fetc%2Fpasswd", "../../x", Word(random), "%2500", "CON", new string('n', 500)];
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/models/{names[random.Next(names.Length)]}/activate");
        if (random.Next(2) == 0) request.Headers.TryAddWithoutValidation("X-Api-Key", random.Next(3) == 0 ? TestService.AdminKey : Word(random));
        return request;
    }

    private static string Word(Random random) =>
        new(Enumerable.Range(0, random.Next(1, 12)).Select(_ => (char)random.Next('a', 'z' + 1)).ToArray());
}
