using System.Globalization;
using Nad.Core.Features;
using Nad.Core.Records;
using Nad.Core.Thresholds;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// Trains an <see cref="IsolationForest"/> without labels (any labels are ignored). Features:
/// log1p counts and bytes, and each categorical column as its training frequency
/// (<see cref="CategoryFrequencyMap"/>; <c>encoding=one-hot</c> keeps the 0/1 columns).
/// Parameters as in scikit-learn: trees (n_estimators), samples (max_samples), max-features,
/// bootstrap, contamination (auto | fraction).
/// </summary>
public sealed class IsolationForestTrainer : IDetectorTrainer
{
    public const string ModelName = "isolation-forest";

    private readonly TrainerSettings _settings;
    private readonly IsolationForestOptions _options;
    private readonly Contamination _contamination;
    private readonly bool _frequencyEncoding;

    public IsolationForestTrainer(TrainerSettings? settings = null)
    {
        _settings = settings ?? TrainerSettings.Default;
        _settings.RejectUnknown(ModelName, "trees", "samples", "max-features", "bootstrap", "contamination", "encoding");
        _options = new IsolationForestOptions
        {
            Trees = _settings.Int("trees", 100, 1, 100_000),
            MaxSamples = _settings.Int("samples", 256, 2, 10_000_000),
            MaxFeatures = _settings.Double("max-features", 1.0, 1e-6, 1),
            Bootstrap = ParseBool("bootstrap", false),
            Seed = _settings.Seed,
            Threads = _settings.Threads,
        };
        _settings.Parameters.TryGetValue("contamination", out var contamination);
        _contamination = Contamination.Parse("contamination", contamination);
        _frequencyEncoding = (_settings.Parameters.GetValueOrDefault("encoding") ?? FrequencyEncoding) switch
        {
            FrequencyEncoding => true,
            OneHotEncoding => false,
            var other => throw new ArgumentException($"Parameter 'encoding' is '{other}'; expected {FrequencyEncoding} or {OneHotEncoding}."),
        };
    }

    public const string FrequencyEncoding = "frequency";
    public const string OneHotEncoding = "one-hot";

    public string Name => ModelName;
    public bool IsSupervised => false;

    /// <summary>The original paper's cut: scores at or above 0.5 are anomalous (contamination "auto").</summary>
    public const double AutoThreshold = 0.5;

    /// <summary>Contamination "auto": the paper's fixed 0.5; a fraction: that share of the training rows' scores.</summary>
    public IThresholdRule DefaultThreshold => _contamination.Fraction is { } fraction
        ? new ContaminationRule(fraction)
        : new FixedCutRule(AutoThreshold, "the Isolation Forest paper's 0.5 (contamination auto)");
    public IsolationForestOptions Options => _options;

    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["trees"] = _options.Trees.ToString(CultureInfo.InvariantCulture),
        ["samples"] = _options.MaxSamples.ToString(CultureInfo.InvariantCulture),
        ["max-features"] = _options.MaxFeatures.ToString(CultureInfo.InvariantCulture),
        ["bootstrap"] = _options.Bootstrap ? "true" : "false",
        ["contamination"] = _contamination.ToString(),
        ["seed"] = _settings.Seed.ToString(CultureInfo.InvariantCulture),
        ["encoding"] = _frequencyEncoding ? FrequencyEncoding : OneHotEncoding,
    };

    public FittedModel Fit(ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Report(new TrainingProgress("encoding", 0.02));
        var encoder = FeatureEncoder.Fit(data.Records);
        var batch = encoder.EncodeBatch(data.Records);
        var frequencies = _frequencyEncoding ? CategoryFrequencyMap.Fit(encoder, batch) : null;
        var rows = frequencies?.Map(batch) ?? batch.Values;
        var dimension = frequencies?.OutputDimension ?? batch.Dimension;
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new TrainingProgress($"growing {_options.Trees} isolation trees", 0.3));
        var forest = IsolationForest.Fit(rows, batch.Rows, dimension, _options, cancellationToken);
        double[]? trainingScores = null;
        if (!_contamination.IsAuto)
        {
            progress?.Report(new TrainingProgress("scoring training rows for the contamination percentile", 0.7));
            trainingScores = forest.Score(rows, _options.Threads);
        }
        progress?.Report(new TrainingProgress("done", 1));
        return new FittedModel(new IsolationForestModel(encoder, frequencies, forest), trainingScores);
    }

    private bool ParseBool(string name, bool fallback)
    {
        if (!_settings.Parameters.TryGetValue(name, out var text)) return fallback;
        return bool.TryParse(text, out var value) ? value
            : throw new ArgumentException($"Parameter '{name}' is '{text}'; expected true or false.");
    }
}
