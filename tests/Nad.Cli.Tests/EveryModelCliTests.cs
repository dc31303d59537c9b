using System.Text.Json;
using Nad.Core.Catalog;
using Nad.Core.ModelFiles;
using Nad.Core.Reading;
using Nad.Core.Training;

namespace Nad.Cli.Tests;

/// <summary>
/// `nad train` then `nad evaluate` for every catalog model and every target it declares, read from
/// the catalog so a new model is covered without touching this file. Issue 16 found `evaluate`
/// crashing for a binary neural network: the tests trained and evaluated a few models by name, and
/// none of them was both a binary model and a type that also answered for families.
/// </summary>
public sealed class EveryModelCliTests(CliData data) : IClassFixture<CliData>
{
    public static TheoryData<string, string> ModelsAndTargets()
    {
        var rows = new TheoryData<string, string>();
        foreach (var entry in DetectorCatalog.Entries)
            foreach (var target in entry.Targets)
                rows.Add(entry.Name, target.ToString().ToLowerInvariant());
        return rows;
    }

    [Theory]
    [MemberData(nameof(ModelsAndTargets))]
    public void Every_model_trains_and_evaluates_for_each_target_it_declares(string model, string target)
    {
        var train = SmallTraining();
        var file = Path.Combine(data.Folder, $"every-{model}-{target}.nadmodel");
        var trained = CliRunner.Run("train", "--model", model, "--target", target, "--data", train, "--out", file);
        Assert.True(trained.ExitCode == 0, $"train {model} --target {target}: exit {trained.ExitCode}\n{trained.StdErr}");

        // Every model, in whatever units it scores, also gives a probability in [0, 1] (API v2), rising with the score.
        var detector = ModelFile.Load(file);
        var calibration = Assert.IsType<ScoreCalibration>(detector.Manifest.Calibration);
        var records = NslKddReader.ReadFile(data.TestPath).Records;
        var scores = detector.Score(records);
        Assert.All(scores, s => Assert.InRange(calibration.Probability(s), 0, 1));
        // Where the score ranks attacks above normal rows on those held-out rows, the probability rises with it
        // (DBSCAN on these 3,000 rows ranks them the other way round, and its calibration says so).
        var heldOutAuc = detector.Manifest.ValidationMetrics!.RocAuc;
        Assert.True(heldOutAuc <= 0.5 || calibration.A < 0, $"{model}: held-out ROC-AUC {heldOutAuc:0.###} but A = {calibration.A}");

        var evaluated = CliRunner.Run("evaluate", "--model", file, "--data", data.TestPath, "--json");
        Assert.True(evaluated.ExitCode == 0, $"evaluate {model} ({target}): exit {evaluated.ExitCode}\n{evaluated.StdErr}");
        var report = JsonDocument.Parse(evaluated.StdOut).RootElement;
        Assert.Equal(data.TestRows, report.GetProperty("rows").GetInt32());
        // A family model reports its 5x5 picture; a normal/attack model reports none.
        var families = report.TryGetProperty("families", out var f) && f.ValueKind == JsonValueKind.Object;
        Assert.Equal(target == "family", families);
    }

    /// <summary>The first 3,000 rows of the bundled training file (with its header), written once.</summary>
    private string SmallTraining()
    {
        var path = Path.Combine(data.Folder, "first-3000.csv");
        lock (typeof(EveryModelCliTests))
            if (!File.Exists(path)) data.WriteText("first-3000.csv", CliData.Lines(BundledData.Train).Take(3001));
        return path;
    }
}
