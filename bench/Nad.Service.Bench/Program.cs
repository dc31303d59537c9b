using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Nad.Alerts;
using Nad.Alerts.Sqlite;
using Nad.Core.ModelFiles;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Wire;
using Nad.Service.Alerts;
using Nad.Service.Bench;
using Nad.Service.Endpoints;
using Nad.Service.Http;
using Nad.Service.Models;
using Nad.Service.Scoring;
using Nad.Service.Settings;

// Stage timings of one batch request of the detection service, in-process (no HTTP): the same
// body bench/service/run.sh posts (the first N KDDTest+ records), through each stage the
// endpoint runs. Prints a Markdown table: wall and thread-CPU time per batch and per record,
// bytes allocated per batch. Usage: Nad.Service.Bench MODEL.nadmodel [records=1000] [repeats=50] [--store-variants]
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Nad.Service.Bench MODEL.nadmodel [records] [repeats]   (e.g. bench/service/out/nad-data/models/hybrid.nadmodel)");
    return 2;
}
var numbers = args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(int.Parse).ToArray();
var count = numbers.Length > 0 ? numbers[0] : 1000;
var repeats = numbers.Length > 1 ? numbers[1] : 50;

var model = new LoadedModel(Path.GetFileNameWithoutExtension(args[0]), ModelFile.Load(args[0])); // named as the service names it
var source = NslKddReader.ReadFile(BundledData.TestPlus).Records.Take(count).ToList();
var body = Encoding.UTF8.GetBytes("[" + string.Join(",", source.Select(RecordJsonWriter.ToJson)) + "]");
var contiguous = new ReadOnlySequence<byte>(body);
var segmented = BufferSegment.Split(body, 4096); // Kestrel's pipe hands the body over in 4 KB blocks
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
ServiceJson.Configure(json);
json.MakeReadOnly(populateMissingResolver: true);

var records = Parse(contiguous);
var results = Scorer.Supervised(model, records);
var attacks = Enumerable.Range(0, records.Count).Where(i => results[i].Label == Labels.Attack).ToArray();
var alerts = attacks.Select(i => Scorer.AlertFor("predict", records[i], results[i], null)).ToList();
var folder = Directory.CreateTempSubdirectory("nad-service-bench-").FullName;
using var store = new SqliteAlertStore(Path.Combine(folder, "alerts.db"));
store.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
var unbounded = new NadServiceOptions { Alerts = { QueueCapacity = 10_000_000 } };
var queue = new AlertWriter(store, Microsoft.Extensions.Options.Options.Create(unbounded), Microsoft.Extensions.Logging.Abstractions.NullLogger<AlertWriter>.Instance);

Console.WriteLine($"batch of {count:N0} KDDTest+ records, {body.Length:N0} bytes of JSON, {alerts.Count} attacks (alerts); {repeats} repeats, median");
Console.WriteLine();
Console.WriteLine("| stage | wall ms / batch | CPU ms / batch | CPU µs / record | KB allocated / batch |");
Console.WriteLine("|---|---:|---:|---:|---:|");
Measure("parse + validate, 4 KB segments (Kestrel's pipe)", () => Parse(segmented));
Measure("parse + validate, one contiguous buffer", () => Parse(contiguous));
// As nad watch --post-to sends them: each record with its "connection" object (start time, hosts, ports).
var start = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
var withConnections = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("[" + string.Join(",", source.Select((r, i) => RecordJsonWriter.ToJson(r,
    new ConnectionEndpoints(start.AddMilliseconds(i), HostAddress.FromIpv4(0x0A00_0000u + (uint)i), 40000 + i, HostAddress.FromIpv4(0xC000_0208), 80)))) + "]"));
Measure("parse + validate, one contiguous buffer, each record with its connection object", () => Parse(withConnections));
// The same records as NSL-KDD CSV (what /score-file reads): would a text/csv batch body pay? (docs/benchmarks.md)
var csv = Encoding.UTF8.GetBytes(string.Join("\n", source.Select(r => string.Join(",", r.ToFields()))) + "\n");
Measure($"parse + validate the same records as CSV ({csv.Length:N0} bytes, NslKddReader)", () =>
    NslKddReader.ReadRows(new MemoryStream(csv, writable: false), "bench").Count());
Measure("copy the segments into one pooled buffer", () =>
{
    var copy = ArrayPool<byte>.Shared.Rent((int)segmented.Length);
    segmented.CopyTo(copy);
    ArrayPool<byte>.Shared.Return(copy);
});
Measure("score (IDetector.Score)", () => model.Detector.Score(records));
Measure("score + results (Scorer.Supervised)", () => Scorer.Supervised(model, records));
if (model.Drift is { } drift) // the drift window's share of the line above, and what /api/v1/drift or a scrape costs per model
{
    var scores = model.Detector.Score(records);
    Measure("drift: window observe (DriftMonitor.Observe, part of Scorer.Supervised)", () => drift.Observe(records, scores));
    Measure("drift: report (PSI of 41 features and the score; per /api/v1/drift or scrape)", () => drift.Report());
}
Measure("answer: serialize results to JSON (System.Text.Json)", () => JsonSerializer.Serialize(Stream.Null, results, json));
var answer = new ArrayBufferWriter<byte>(256 * 1024);
Measure("answer: SupervisedBatchAnswer (what predict sends)", () =>
{
    answer.ResetWrittenCount();
    SupervisedBatchAnswer.Write(results, json, answer);
});
// API v2 (decision 0311): the same results as ModelVerdicts (calibrated probability, family), through the serializer.
Measure("answer v2: ModelVerdicts.From (probability, family)", () => ModelVerdicts.From(model, records, results));
var verdicts = ModelVerdicts.From(model, records, results);
Measure("answer v2: serialize ModelVerdict[] (System.Text.Json)", () => JsonSerializer.Serialize(Stream.Null, verdicts, json));
Measure($"alerts: Scorer.AlertFor x{alerts.Count}", () => attacks.Select(i => Scorer.AlertFor("predict", records[i], results[i], null)).ToList());
Measure($"alerts: queue x{alerts.Count} (metrics, channel)", () => queue.EnqueueAsync(alerts, CancellationToken.None).AsTask().GetAwaiter().GetResult());
var text = new char[4096];
Measure($"alerts: record as stored text x{alerts.Count}", () => alerts.ForEach(a => StoredRecord.Write(a.Record!, text)));
var blob = new byte[8192];
Measure($"alerts: record as blob x{alerts.Count}", () => alerts.ForEach(a => RecordBlob.TryWrite(a.Record!, blob, out _)));
Measure($"SQLite: insert {alerts.Count} alerts, one transaction", () => store.AppendAsync(alerts, CancellationToken.None).GetAwaiter().GetResult());
var small = alerts.Take(4).ToList(); // single-record requests: the writer finds only a few alerts per wake-up
Measure("SQLite: 100 transactions of 4 alerts", () =>
{
    for (var i = 0; i < 100; i++) store.AppendAsync(small, CancellationToken.None).GetAwaiter().GetResult();
});
if (args.Contains("--store-variants")) StoreVariants.Run(alerts, 300);
Console.WriteLine();
Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
return 0;

IReadOnlyList<Nad.Core.Records.ConnectionRecord> Parse(ReadOnlySequence<byte> sequence)
{
    var errors = new FieldErrors(200);
    return RecordJsonReader.Parse(sequence, 10_000, errors)?.Records
           ?? throw new InvalidOperationException("the benchmark body did not parse: " + string.Join("; ", errors.ToDictionary().Keys));
}

void Measure(string stage, Action action)
{
    for (var i = 0; i < Math.Max(30, repeats); i++) action(); // warm up: tiered JIT reaches its final code
    var wall = new double[repeats];
    var cpu = new double[repeats];
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    for (var i = 0; i < repeats; i++)
    {
        var cpuStart = ThreadCpuClock.NowMicroseconds();
        var start = Stopwatch.GetTimestamp();
        action();
        wall[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        cpu[i] = (ThreadCpuClock.NowMicroseconds() - cpuStart) / 1000;
    }
    var kb = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 / repeats;
    var cpuMs = Median(cpu);
    Console.WriteLine($"| {stage} | {Median(wall):0.000} | {cpuMs:0.000} | {cpuMs * 1000 / count:0.00} | {kb:N0} |");
}

static double Median(double[] values)
{
    var sorted = values.Order().ToArray();
    return sorted[sorted.Length / 2];
}
