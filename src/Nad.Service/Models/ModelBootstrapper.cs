using System.Runtime;
using Microsoft.Extensions.Options;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.ModelFiles;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Training;
using Nad.Service.Settings;

namespace Nad.Service.Models;

/// <summary>
/// Runs before the server listens: loads the default models from the data folder, training any
/// that are missing on the bundled NSL-KDD data first (progress in the log), then the family model
/// (<c>Nad:FamilyModel</c>, trained for families the same way), then loads the other model files
/// there so they can be activated later.
/// </summary>
public sealed partial class ModelBootstrapper(
    IOptions<NadServiceOptions> options,
    ModelRegistry registry,
    ILogger<ModelBootstrapper> logger) : IHostedService
{
    public const string ModelExtension = ".nadmodel";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        Directory.CreateDirectory(settings.ModelsDir);
        var defaults = new List<LoadedModel>();
        ConnectionDataset? trainingData = null; // read once, shared by every model trained now
        foreach (var path in settings.ModelFileList)
        {
            var model = new LoadedModel(Path.GetFileNameWithoutExtension(path), ModelFile.Load(path), settings.Drift.Window, settings.Drift.MinimumSample);
            registry.Add(model);
            defaults.Add(model);
            LogLoaded(model.Name, model.Version, Path.GetFullPath(path));
        }
        foreach (var (name, entry) in DefaultEntries(settings))
        {
            if (entry is null)
            {
                LogNotInCatalog(name, string.Join(", ", DetectorCatalog.Names));
                continue;
            }
            var path = ModelPath(settings, entry);
            if (registry.Find(entry.Name) is not null) continue; // a --model file of that name is served instead
            if (!File.Exists(path)) Train(entry, path, settings.Training, trainingData ??= ReadTrainingData(settings.Training), cancellationToken);
            var model = new LoadedModel(entry.Name, ModelFile.Load(path), settings.Drift.Window, settings.Drift.MinimumSample);
            registry.Add(model);
            defaults.Add(model);
            LogLoaded(model.Name, model.Version, path);
        }

        if (FamilyEntry(settings) is var (familyName, family))
        {
            if (family is null) LogNotInCatalog(familyName, string.Join(", ", DetectorCatalog.ModelsFor(PredictionTarget.Family)));
            else
            {
                var path = FamilyModelPath(settings, family);
                if (!File.Exists(path))
                    Train(family, path, settings.Training, trainingData ??= ReadTrainingData(settings.Training), cancellationToken, PredictionTarget.Family);
                var model = new LoadedModel(family.Name + NadServiceOptions.FamilyModelSuffix, ModelFile.Load(path), settings.Drift.Window, settings.Drift.MinimumSample);
                registry.Add(model);
                LogLoaded(model.Name, model.Version, path);
                if (model.Detector.FamilyClassifier is null) LogSkipped(path, "it predicts normal/attack, not families: it is not used as the family model (Nad:FamilyModel)");
                else registry.SetFamily(model);
            }
        }

        if (trainingData is not null)
        {
            trainingData = null; // unreachable before the collection, so it is freed
            ReturnTrainingMemory();
        }

        foreach (var path in Directory.EnumerateFiles(settings.ModelsDir, "*" + ModelExtension).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (registry.Find(name) is not null) continue;
            try
            {
                var model = new LoadedModel(name, ModelFile.Load(path), settings.Drift.Window, settings.Drift.MinimumSample);
                registry.Add(model);
                LogLoaded(model.Name, model.Version, path);
            }
            catch (ModelFileException e)
            {
                LogSkipped(path, e.Message);
            }
        }

        // The first default model of each kind is active; a kind with no default stays empty (503).
        foreach (var model in defaults.Where(m => m.IsSupervised).Take(1).Concat(defaults.Where(m => !m.IsSupervised).Take(1)))
            registry.Activate(model.Name);
        if (registry.Supervised is null) LogNoModel("supervised");
        if (registry.Unsupervised is null) LogNoModel("unsupervised");
        registry.MarkStarted();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static ConnectionDataset ReadTrainingData(NadServiceOptions.TrainingSettings training) =>
        training.MaxRows > 0 ? ReadFirst(BundledData.Train, training.MaxRows) : NslKddReader.ReadFile(BundledData.Train);

    /// <summary>
    /// Training leaves hundreds of MB of garbage (the rows, encoded copies, ML.NET's buffers) that the GC
    /// would otherwise keep mapped for the life of the process: one aggressive, compacting collection
    /// (large object heap included) hands it back to the OS before serving starts.
    /// </summary>
    private void ReturnTrainingMemory()
    {
        var before = Environment.WorkingSet;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        LogMemoryReturned(before >> 20, Environment.WorkingSet >> 20);
    }

    /// <summary>
    /// Throws the error <see cref="StartAsync"/> would, before the host starts, when a default model
    /// that has to be trained refuses <c>Nad:Training:Parameters</c>: a host that fails to start logs
    /// the exception's stack trace, and the operator needs only the message (the CLI prints it, exit 2).
    /// </summary>
    public static void CheckTrainingSettings(NadServiceOptions settings)
    {
        foreach (var (_, entry) in DefaultEntries(settings))
            if (entry is not null && !File.Exists(ModelPath(settings, entry)))
                CreateTrainer(entry, settings.Training);
        if (FamilyEntry(settings) is (_, { } family) && !family.Targets.Contains(PredictionTarget.Family))
            throw new ArgumentException($"Nad:FamilyModel '{family.Name}' cannot predict families; models that can: " +
                                        $"{string.Join(", ", DetectorCatalog.ModelsFor(PredictionTarget.Family))} (empty: no family model).");
    }

    /// <summary>The configured family model with its catalog entry (null when unknown), or null when <c>Nad:FamilyModel</c> is empty.</summary>
    private static (string Name, DetectorEntry? Entry)? FamilyEntry(NadServiceOptions settings) =>
        string.IsNullOrWhiteSpace(settings.FamilyModel) ? null : (settings.FamilyModel.Trim(), DetectorCatalog.Find(settings.FamilyModel.Trim()));

    private static string FamilyModelPath(NadServiceOptions settings, DetectorEntry entry) =>
        Path.Combine(settings.ModelsDir, entry.Name + NadServiceOptions.FamilyModelSuffix + ModelExtension);

    /// <summary>
    /// The configured default models, each name once, with its catalog entry (null when unknown): the one
    /// list <see cref="StartAsync"/> trains and loads from and <see cref="CheckTrainingSettings"/> checks.
    /// </summary>
    private static IEnumerable<(string Name, DetectorEntry? Entry)> DefaultEntries(NadServiceOptions settings) =>
        settings.DefaultModelNames.Distinct(StringComparer.OrdinalIgnoreCase).Select(name => (name, DetectorCatalog.Find(name)));

    private static string ModelPath(NadServiceOptions settings, DetectorEntry entry) =>
        Path.Combine(settings.ModelsDir, entry.Name + ModelExtension);

    private static IDetectorTrainer CreateTrainer(DetectorEntry entry, NadServiceOptions.TrainingSettings training, PredictionTarget target = PredictionTarget.Attack)
    {
        // The family model takes its catalog defaults: Nad:Training:Parameters are for the default models.
        if (target == PredictionTarget.Family) return entry.CreateTrainer(new TrainerSettings { Seed = training.Seed, Target = target });
        try
        {
            return entry.CreateTrainer(new TrainerSettings { Seed = training.Seed, Parameters = training.Parameters });
        }
        catch (ArgumentException e)
        {
            // The parameters go to every default model trained now: say which setting it is, not only what the trainer refused.
            throw new ArgumentException($"Nad:Training:Parameters do not fit default model '{entry.Name}': {e.Message} " +
                                        "They go to every default model trained at start; name the models they fit in Nad:DefaultModels.", e);
        }
    }

    private void Train(DetectorEntry entry, string path, NadServiceOptions.TrainingSettings training, ConnectionDataset data, CancellationToken cancellationToken,
        PredictionTarget target = PredictionTarget.Attack)
    {
        var source = BundledData.Train;
        var name = Path.GetFileNameWithoutExtension(path); // lightgbm-family for the family model
        LogTraining(name, path, source);
        var trainer = CreateTrainer(entry, training, target);
        var lastLogged = -1;
        var progress = new SynchronousProgress(p =>
        {
            var tenth = (int)(p.Fraction * 10);
            if (tenth <= lastLogged) return;
            lastLogged = tenth;
            LogProgress(name, p.Fraction, p.Stage);
        });
        var options = new TrainingOptions { Seed = training.Seed };
        if (!entry.IsSupervised && training.UnsupervisedFalsePositiveBudget > 0 && data.HasLabels)
        {
            data = data.NormalOnly();
            options = options with { TargetFalsePositiveRate = training.UnsupervisedFalsePositiveBudget };
        }
        var detector = DetectorTraining.Train(trainer, data, DataFingerprint.Of(source, data.Count),
            options, progress, cancellationToken);
        ModelFile.Save(detector, path);
        LogTrained(name, data.Count, detector.Threshold, path);
    }

    private static ConnectionDataset ReadFirst(string path, int rows)
    {
        var read = NslKddReader.ReadRows(InputFile.Open(path), path).Take(rows).ToList();
        return new ConnectionDataset($"{path} (first {read.Count} rows)", [.. read.Select(r => r.Record)],
            read.All(r => r.Label is not null) ? [.. read.Select(r => r.Label!.Value)] : null, null, [.. read.Select(r => r.Line)]);
    }

    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }

    [LoggerMessage(LogLevel.Warning, "Default model '{Name}' is not in this NAD's catalog ({Known}); skipped")]
    private partial void LogNotInCatalog(string name, string known);

    [LoggerMessage(LogLevel.Information, "Loaded model '{Name}' version {Version} from {Path}")]
    private partial void LogLoaded(string name, string version, string path);

    [LoggerMessage(LogLevel.Warning, "Skipped {Path}: {Problem}")]
    private partial void LogSkipped(string path, string problem);

    [LoggerMessage(LogLevel.Warning, "No {Kind} model is loaded: its endpoints answer 503")]
    private partial void LogNoModel(string kind);

    [LoggerMessage(LogLevel.Information, "No trained '{Name}' at {Path}: training it on {Source} first")]
    private partial void LogTraining(string name, string path, string source);

    [LoggerMessage(LogLevel.Information, "Training '{Name}': {Fraction:P0} ({Stage})")]
    private partial void LogProgress(string name, double fraction, string stage);

    [LoggerMessage(LogLevel.Information, "Training done; memory returned to the system: working set {Before} MB -> {After} MB")]
    private partial void LogMemoryReturned(long before, long after);

    [LoggerMessage(LogLevel.Information, "Trained '{Name}' on {Rows} rows (threshold {Threshold:0.####}), saved to {Path}")]
    private partial void LogTrained(string name, int rows, double threshold, string path);
}
