using Nad.Core.Features;
using Nad.Core.Records;
using Nad.Core.Thresholds;
using static Nad.Core.Detectors.ParameterDeclaration;

namespace Nad.Core.Detectors.Unsupervised;

/// <summary>
/// Trains an <see cref="IsolationForest"/> without labels (any labels are ignored). Features:
/// log1p counts and bytes, and each categorical column as its training frequency
/// (<see cref="CategoryFrequencyMap"/>; <c>encoding=one-hot</c> keeps the 0/1 columns).
/// Parameters as in scikit-learn: trees (n_estimators), samples (max_samples), max-features,
/// bootstrap, contamination (auto | fraction).
/// </summary>
public sealed class IsolationForestTrainer : DeclaredTrainer
{
    public const string ModelName = "isolation-forest";

    public const string FrequencyEncoding = "frequency";
    public const string OneHotEncoding = "one-hot";

    /// <summary>The original paper's cut: scores at or above 0.5 are anomalous (contamination "auto").</summary>
    public const double AutoThreshold = 0.5;

    public static TrainerDeclaration Declaration { get; } = new(ModelName, [PredictionTarget.Attack],
        Int("trees", 100, 1, 100_000, "isolation trees (n_estimators)"),
        Int("samples", 256, 2, 10_000_000, "rows drawn for each tree (max_samples)"),
        Real("max-features", 1, 1e-6, 1, "share of the columns each tree draws from"),
        Bool("bootstrap", false, "draw each tree's rows with replacement"),
        ContaminationParameter.Declare(ContaminationParameter.Auto, allowAuto: true),
        Choice("encoding", FrequencyEncoding, [FrequencyEncoding, OneHotEncoding], "categorical columns as their training frequency, or one 0/1 column per value"));

    public IsolationForestTrainer(TrainerSettings? settings = null) : base(Declaration, settings)
    {
        Options = new IsolationForestOptions
        {
            Trees = Values.Int("trees"),
            MaxSamples = Values.Int("samples"),
            MaxFeatures = Values.Real("max-features"),
            Bootstrap = Values.Bool("bootstrap"),
            Seed = Values.Settings.Seed,
            Threads = Values.Settings.Threads,
        };
    }

    public override bool IsSupervised => false;
    public IsolationForestOptions Options { get; }

    /// <summary>Contamination "auto": the paper's fixed 0.5; a fraction: that share of the training rows' scores.</summary>
    public override IThresholdRule DefaultThreshold => ContaminationParameter.Rule(Values, new FixedCutRule(AutoThreshold, "the Isolation Forest paper's cut, contamination auto"));

    private bool FrequencyEncoded => Values.Text("encoding") == FrequencyEncoding;
    private bool ContaminationAuto => Values.Is(ContaminationParameter.Name, ContaminationParameter.Auto);

    public override FittedModel Fit(ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Report(new TrainingProgress("encoding", 0.02));
        var encoder = FeatureEncoder.Fit(data.Records);
        var batch = encoder.EncodeBatch(data.Records);
        var frequencies = FrequencyEncoded ? CategoryFrequencyMap.Fit(encoder, batch) : null;
        var rows = frequencies?.Map(batch) ?? batch.Values;
        var dimension = frequencies?.OutputDimension ?? batch.Dimension;
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new TrainingProgress($"growing {Options.Trees} isolation trees", 0.3));
        var forest = IsolationForest.Fit(rows, batch.Rows, dimension, Options, cancellationToken);
        double[]? trainingScores = null;
        if (!ContaminationAuto)
        {
            progress?.Report(new TrainingProgress("scoring training rows for the contamination percentile", 0.7));
            trainingScores = forest.Score(rows, Options.Threads);
        }
        progress?.Report(new TrainingProgress("done", 1));
        return new FittedModel(new IsolationForestModel(encoder, frequencies, forest), trainingScores);
    }
}
