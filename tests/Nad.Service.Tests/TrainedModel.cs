using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.ModelFiles;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Training;

namespace Nad.Service.Tests;

/// <summary>
/// A small random forest (20 trees, first 3,000 rows of the bundled training file), trained once
/// for the whole test run and copied into each test service's data folder, plus real records to send.
/// </summary>
public sealed class TrainedModel : IDisposable
{
    public const int TrainRows = 3000;

    public TrainedModel()
    {
        Folder = Directory.CreateTempSubdirectory("nad-service-model-").FullName;
        var rows = NslKddReader.ReadRows(InputFile.Open(BundledData.Train), BundledData.Train).Take(TrainRows + 1000).ToList();
        var training = rows.Take(TrainRows).ToList();
        var data = new ConnectionDataset("first 3000 rows", [.. training.Select(r => r.Record)], [.. training.Select(r => r.Label!.Value)]);
        var trainer = DetectorCatalog.Get("random-forest").CreateTrainer(new TrainerSettings
        {
            Threads = 2,
            Parameters = new Dictionary<string, string> { ["trees"] = "20" },
        });
        var detector = DetectorTraining.Train(trainer, data, new TrainingDataInfo("first 3000 rows", "test", TrainRows));
        Path = System.IO.Path.Combine(Folder, "random-forest.nadmodel");
        ModelFile.Save(detector, Path);
        Threshold = detector.Threshold;

        // The unsupervised detector, small too: trained on the normal rows of the same slice.
        var forest = DetectorCatalog.Get("isolation-forest").CreateTrainer(new TrainerSettings
        {
            Threads = 2,
            Parameters = new Dictionary<string, string> { ["trees"] = "50" },
        });
        UnsupervisedPath = System.IO.Path.Combine(Folder, "isolation-forest.nadmodel");
        ModelFile.Save(DetectorTraining.Train(forest, data.NormalOnly(), new TrainingDataInfo("normal rows of the first 3000", "test", TrainRows)), UnsupervisedPath);
        Unseen = [.. rows.Skip(TrainRows).Select(r => (r.Record, r.Label!.Value))];
    }

    public string Folder { get; }
    public string Path { get; }
    public string UnsupervisedPath { get; }
    public double Threshold { get; }

    /// <summary>1,000 labelled training-file rows the model was not trained on.</summary>
    public IReadOnlyList<(ConnectionRecord Record, AttackLabel Label)> Unseen { get; }

    public ConnectionRecord AnAttack => Unseen.First(r => r.Label.Name == "neptune").Record;
    public ConnectionRecord ANormal => Unseen.First(r => !r.Label.IsAttack && r.Record.Service == "http").Record;

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class ServiceCollection : ICollectionFixture<TrainedModel>
{
    public const string Name = "service";
}
