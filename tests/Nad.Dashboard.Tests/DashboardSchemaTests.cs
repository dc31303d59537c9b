using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Training;
using Nad.Service.Models;

namespace Nad.Dashboard.Tests;

/// <summary>Issue 14: with a UNSW-NB15 model active, "Score one connection" shows its columns and scores a real row by them.</summary>
public sealed partial class DashboardTests
{
    [Fact]
    public async Task The_score_form_of_a_unsw_nb15_model_has_its_columns_and_scores_a_real_row()
    {
        var sample = Path.Combine(Path.GetDirectoryName(BundledData.Train)!, "..", "flows", "unsw-nb15-testing-sample.csv.gz");
        var schema = BuiltInSchemas.UnswNb15;
        var all = RecordReader.ReadFile(schema, sample);
        var train = Enumerable.Range(0, all.Count).Where(i => i % 4 != 0).ToArray(); // the file is in label order: every 4th held out
        var data = new ConnectionDataset("three rows in four", [.. train.Select(i => all.Records[i])], [.. train.Select(i => all.Labels![i])]) { Schema = schema };
        var trainer = DetectorCatalog.Get("random-forest").CreateTrainer(new TrainerSettings { Threads = 2, Parameters = new Dictionary<string, string> { ["trees"] = "20" } });
        var detector = DetectorTraining.Train(trainer, data, new TrainingDataInfo("three rows in four", "test", train.Length));

        // A held-out attack row, as the CSV has it.
        string[] lines;
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(sample), CompressionMode.Decompress)))
            lines = [.. Enumerable.Range(0, all.Count + 1).Select(_ => reader.ReadLine()!)];
        var names = lines[0].TrimStart('\uFEFF').Split(',');
        var row = Enumerable.Range(0, all.Count).First(i => i % 4 == 0 && all.Labels![i].IsAttack);
        var cells = lines[row + 1].Split(',');
        var score = detector.Score([all.Records[row]])[0];

        var registry = Host.Services.GetRequiredService<ModelRegistry>();
        registry.Add(new LoadedModel("unsw", detector));
        try
        {
            registry.Activate("unsw");
            await using var session = await OpenAsync();
            await session.GoAsync("score");
            var page = session.Page;
            await Assertions.Expect(page.Locator("#score-form input")).ToHaveCountAsync(schema.Columns.Count);
            await Assertions.Expect(page.Locator("#f-srcbytes")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-preset]")).ToHaveCountAsync(0); // the presets are NSL-KDD rows
            for (var i = 0; i < names.Length; i++)
                if (schema.Find(names[i]) is { } column)
                    await page.FillAsync($"#f-{column.Name}", cells[i]);
            await page.ClickAsync("#score-button");
            var supervised = page.Locator("#verdict-supervised");
            await Assertions.Expect(supervised).ToContainTextAsync("unsw");
            await Assertions.Expect(supervised).ToContainTextAsync($"attack score {score.ToString("0.0000", CultureInfo.InvariantCulture)}");
            await Assertions.Expect(supervised.Locator(".verdict")).ToHaveTextAsync(detector.IsAttack(score) ? "attack" : "normal");
            await session.ScreenshotAsync("score-unsw");
        }
        finally
        {
            registry.Activate("random-forest");
            Assert.True(registry.Remove("unsw")); // the other pages measure every loaded model on KDDTest+
        }
    }
}
