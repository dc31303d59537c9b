using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Nad.Core.Detectors.MlNet;
using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors.Supervised;

/// <summary>
/// A random forest for normal/attack: ML.NET's FastForest on the one-hot + log1p encoding,
/// followed by a Platt calibrator, because FastForest's raw score is not a probability.
/// </summary>
public sealed class RandomForestTrainer : IDetectorTrainer
{
    public const string ModelName = "random-forest";

    private readonly int _trees;
    private readonly int _leaves;
    private readonly int _minLeaf;
    private readonly double _featureFraction;
    private readonly TrainerSettings _settings;

    public RandomForestTrainer(TrainerSettings? settings = null)
    {
        _settings = settings ?? TrainerSettings.Default;
        _settings.RejectUnknown(ModelName, "trees", "leaves", "min-leaf", "feature-fraction");
        _trees = _settings.Int("trees", 100, 1, 10_000);
        _leaves = _settings.Int("leaves", 64, 2, 65_536);
        _minLeaf = _settings.Int("min-leaf", 2, 1, 100_000);
        _featureFraction = _settings.Double("feature-fraction", 0.7, 0.01, 1);
    }

    public string Name => ModelName;
    public bool IsSupervised => true;

    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["trees"] = _trees.ToString(),
        ["leaves"] = _leaves.ToString(),
        ["min-leaf"] = _minLeaf.ToString(),
        ["feature-fraction"] = _featureFraction.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["seed"] = _settings.Seed.ToString(),
        ["calibrator"] = "platt",
    };

    public IScoringModel Fit(ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var labels = data.RequireLabels();
        progress?.Report(new TrainingProgress("encoding", 0.02));
        var encoder = FeatureEncoder.Fit(data.Records);
        var batch = encoder.EncodeBatch(data.Records);
        cancellationToken.ThrowIfCancellationRequested();

        var ml = new MLContext(_settings.Seed);
        var view = MlNetData.ToDataView(ml, batch, labels.Select(l => l.IsAttack).ToArray());
        var forest = ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
        {
            NumberOfTrees = _trees,
            NumberOfLeaves = _leaves,
            MinimumExampleCountPerLeaf = _minLeaf,
            FeatureFraction = _featureFraction,
            NumberOfThreads = _settings.Threads,
            Seed = _settings.Seed,
            FeatureColumnName = nameof(MlNetData.Row.Features),
            LabelColumnName = nameof(MlNetData.Row.Label),
        });
        var pipeline = forest.Append(ml.BinaryClassification.Calibrators.Platt(labelColumnName: nameof(MlNetData.Row.Label)));
        progress?.Report(new TrainingProgress($"growing {_trees} trees", 0.1));
        var transformer = pipeline.Fit(view);
        progress?.Report(new TrainingProgress("done", 1));
        return new MlNetBinaryModel(ml, transformer, encoder);
    }
}
