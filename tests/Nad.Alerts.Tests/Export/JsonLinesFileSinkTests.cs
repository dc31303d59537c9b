using System.Text.Json;
using Nad.Alerts.Export;

namespace Nad.Alerts.Tests.Export;

public sealed class JsonLinesFileSinkTests
{
    [Fact]
    public async Task Lines_are_ECS_documents_rotated_by_size_keeping_N()
    {
        var folder = Directory.CreateTempSubdirectory("nad-export-").FullName;
        try
        {
            var path = Path.Combine(folder, "alerts.jsonl");
            var alerts = ExportAlerts.Range(0, 60, ExportAlerts.NewRun());
            var sink = new JsonLinesFileSink(new FileSinkSettings { Path = path, MaxBytes = 4096, Keep = 2 }, new EcsDocument());
            await using (var pipeline = ExportAlerts.Pipeline(sink, maxBatch: 7))
            {
                pipeline.Enqueue(alerts);
                await pipeline.DrainAsync(TimeSpan.FromSeconds(60));
                Assert.Equal(60, pipeline.Counted(sink.Name, ExportOutcome.Sent));
            }

            Assert.Equal(["alerts.1.jsonl", "alerts.2.jsonl", "alerts.jsonl"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
            var files = new[] { JsonLinesFileSink.RotatedPath(path, 2), JsonLinesFileSink.RotatedPath(path, 1), path };
            Assert.All(files, f => Assert.InRange(new FileInfo(f).Length, 1, 4096));
            var ids = files.SelectMany(File.ReadLines).Select(line =>
            {
                var doc = JsonDocument.Parse(line).RootElement;
                Assert.Equal("alert", doc.GetProperty("event").GetProperty("kind").GetString());
                return doc.GetProperty("nad").GetProperty("record_id").GetString();
            }).ToArray();
            // The oldest lines went with the deleted file; what is kept is the newest, in order, ending with the last alert.
            Assert.True(ids.Length is > 3 and < 60, $"{ids.Length} lines kept");
            Assert.Equal(alerts.TakeLast(ids.Length).Select(a => a.RecordId), ids);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
