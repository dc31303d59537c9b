using System.Globalization;
using Nad.Core.Features;
using Nad.Core.Records;
using Nad.Core.Thresholds;

namespace Nad.Core.Detectors.Neural;

/// <summary>
/// A multilayer perceptron of NAD's own (ML.NET has no MLP trainer; TorchSharp does not run
/// here): standardized inputs, ReLU hidden layers, softmax output, Adam, mini-batches, and
/// early stopping on a stratified 10% of the training rows. Also <c>--target family</c>.
/// </summary>
public sealed class NeuralNetworkTrainer : IDetectorTrainer
{
    public const string ModelName = "neural-network";

    private readonly TrainerSettings _settings;
    private readonly MlpOptions _options;
    private readonly string _classWeights;
    private readonly double _earlyStoppingFraction;

    public NeuralNetworkTrainer(TrainerSettings? settings = null)
    {
        _settings = settings ?? TrainerSettings.Default;
        _settings.RejectUnknown(ModelName, "hidden", "learning-rate", "l2", "batch", "epochs", "patience", "early-stopping-fraction", "class-weight");
        _options = new MlpOptions
        {
            HiddenLayers = ParseHidden(_settings.Text("hidden", "64,32")),
            LearningRate = _settings.Double("learning-rate", 0.001, 1e-7, 1),
            L2 = _settings.Double("l2", 1e-4, 0, 10),
            BatchSize = _settings.Int("batch", 128, 1, 1_000_000),
            MaxEpochs = _settings.Int("epochs", 30, 1, 10_000),
            Patience = _settings.Int("patience", 4, 1, 10_000),
            Seed = _settings.Seed,
        };
        _earlyStoppingFraction = _settings.Double("early-stopping-fraction", 0.1, 0.01, 0.5);
        _classWeights = _settings.Choice("class-weight", "sqrt", ClassWeighting.Modes);
    }

    public string Name => ModelName;
    public bool IsSupervised => true;
    public IThresholdRule DefaultThreshold => HeldOutMaxF1Rule.Instance;

    public IReadOnlyDictionary<string, string> Parameters
    {
        get
        {
            var p = new Dictionary<string, string>
            {
                ["hidden"] = string.Join(",", _options.HiddenLayers),
                ["learning-rate"] = _options.LearningRate.ToString(CultureInfo.InvariantCulture),
                ["l2"] = _options.L2.ToString(CultureInfo.InvariantCulture),
                ["batch"] = _options.BatchSize.ToString(CultureInfo.InvariantCulture),
                ["epochs"] = _options.MaxEpochs.ToString(CultureInfo.InvariantCulture),
                ["patience"] = _options.Patience.ToString(CultureInfo.InvariantCulture),
                ["early-stopping-fraction"] = _earlyStoppingFraction.ToString(CultureInfo.InvariantCulture),
                ["seed"] = _settings.Seed.ToString(CultureInfo.InvariantCulture),
                ["standardize"] = "true",
            };
            if (_settings.Target == PredictionTarget.Family)
            {
                p["target"] = "family";
                p["class-weight"] = _classWeights;
            }
            return p;
        }
    }

    public FittedModel Fit(ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var labels = data.RequireLabels();
        progress?.Report(new TrainingProgress("encoding", 0.02));
        var encoder = FeatureEncoder.Fit(data.Records, new FeatureEncoderOptions { Standardize = true });
        var family = _settings.Target == PredictionTarget.Family;
        var classes = family ? ClassWeighting.FamilyIndices(labels) : labels.Select(l => l.IsAttack ? 1 : 0).ToArray();
        var classCount = family ? FamilyClasses.Count : 2;
        var weights = family ? ClassWeighting.RowWeights(classes, classCount, _classWeights) : null;

        var (fitRows, stopRows) = StratifiedSplit.TrainHoldout(labels, _earlyStoppingFraction, _settings.Seed + 1);
        var train = Rows(encoder, data, fitRows, classes, weights);
        var validation = Rows(encoder, data, stopRows, classes, weights);
        var network = MlpFitter.Fit(train, validation, classCount, _options, new ProgressSlice(progress, 0.05, 1), cancellationToken);
        return new FittedModel(new MlpScoringModel(network, encoder));
    }

    private static ClassificationData Rows(FeatureEncoder encoder, ConnectionDataset data, int[] rows, int[] classes, float[]? weights)
    {
        var batch = encoder.EncodeBatch(rows.Select(i => data.Records[i]).ToArray());
        return new ClassificationData(batch.Values, batch.Rows, batch.Dimension, rows.Select(i => classes[i]).ToArray(), weights is null ? null : rows.Select(i => weights[i]).ToArray());
    }

    private static int[] ParseHidden(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] is < 1 or > 4096)
                throw new ArgumentException($"Parameter 'hidden' is '{text}'; expected layer widths from 1 to 4096 separated by commas, e.g. 64,32.");
        return parts.Length == 0 ? throw new ArgumentException("Parameter 'hidden' needs at least one layer width, e.g. 64,32.") : sizes;
    }
}
