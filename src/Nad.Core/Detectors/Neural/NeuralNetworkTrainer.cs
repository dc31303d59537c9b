using System.Globalization;
using Nad.Core.Features;
using Nad.Core.Records;
using Nad.Core.Thresholds;
using static Nad.Core.Detectors.ParameterDeclaration;

namespace Nad.Core.Detectors.Neural;

/// <summary>
/// A multilayer perceptron of NAD's own (ML.NET has no MLP trainer; TorchSharp does not run
/// here): standardized inputs, ReLU hidden layers, softmax output, Adam, mini-batches, and
/// early stopping on a stratified 10% of the training rows. Also the family target.
/// </summary>
public sealed class NeuralNetworkTrainer : DeclaredTrainer
{
    public const string ModelName = "neural-network";

    public static TrainerDeclaration Declaration { get; } = new(ModelName, [PredictionTarget.Attack, PredictionTarget.Family],
        Text("hidden", "64,32", "layer widths from 1 to 4096 separated by commas, e.g. 64,32", "hidden layer widths", HiddenLayers),
        Real("learning-rate", 0.001, 1e-7, 1, "Adam's step size"),
        Real("l2", 1e-4, 0, 10, "L2 penalty on the weights (scikit-learn's alpha)"),
        Int("batch", 128, 1, 1_000_000, "rows per mini-batch"),
        Int("epochs", 30, 1, 10_000, "passes over the training rows at most"),
        Int("patience", 4, 1, 10_000, "epochs without a better held-out loss before stopping"),
        Real("early-stopping-fraction", 0.1, 0.01, 0.5, "share of the training rows held out (stratified) for early stopping"),
        ClassWeighting.Parameter);

    private readonly MlpOptions _options;

    public NeuralNetworkTrainer(TrainerSettings? settings = null) : base(Declaration, settings)
    {
        _options = new MlpOptions
        {
            HiddenLayers = ParseHidden(Values.Text("hidden")),
            LearningRate = Values.Real("learning-rate"),
            L2 = Values.Real("l2"),
            BatchSize = Values.Int("batch"),
            MaxEpochs = Values.Int("epochs"),
            Patience = Values.Int("patience"),
            Seed = Values.Settings.Seed,
        };
    }

    public override bool IsSupervised => true;
    public override IThresholdRule DefaultThreshold => HeldOutMaxF1Rule.Instance;

    protected override IEnumerable<(string Name, string Value)> Extras => Settings.Target == PredictionTarget.Family
        ? [Values.Seed, ("standardize", "true"), ("target", "family")]
        : [Values.Seed, ("standardize", "true")];

    public override FittedModel Fit(ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var labels = data.RequireLabels();
        progress?.Report(new TrainingProgress("encoding", 0.02));
        var encoder = FeatureEncoder.Fit(data.Records, new FeatureEncoderOptions { Standardize = true });
        var family = Values.Settings.Target == PredictionTarget.Family;
        var families = family ? FamilyClasses.For(data.Schema, labels) : null;
        var classes = families is not null ? ClassWeighting.FamilyIndices(families, labels) : labels.Select(l => l.IsAttack ? 1 : 0).ToArray();
        var classCount = families?.Count ?? 2;
        var weights = family ? ClassWeighting.RowWeights(classes, classCount, Values.Text("class-weight")) : null;

        var (fitRows, stopRows) = StratifiedSplit.TrainHoldout(labels, Values.Real("early-stopping-fraction"), Values.Settings.Seed + 1);
        var train = Rows(encoder, data, fitRows, classes, weights);
        var validation = Rows(encoder, data, stopRows, classes, weights);
        var network = MlpFitter.Fit(train, validation, classCount, _options, new ProgressSlice(progress, 0.05, 1), cancellationToken);
        return new FittedModel(MlpScoringModel.For(network, encoder, families));
    }

    private static ClassificationData Rows(FeatureEncoder encoder, ConnectionDataset data, int[] rows, int[] classes, float[]? weights)
    {
        var batch = encoder.EncodeBatch(rows.Select(i => data.Records[i]).ToArray());
        return new ClassificationData(batch.Values, batch.Rows, batch.Dimension, rows.Select(i => classes[i]).ToArray(), weights is null ? null : rows.Select(i => weights[i]).ToArray());
    }

    // "64, 32" -> "64,32"; null when any width is not a whole number from 1 to 4096 (or there is none).
    private static string? HiddenLayers(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var widths = parts.Select(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var w) && w is >= 1 and <= 4096 ? w : 0).ToArray();
        return widths.Length == 0 || widths.Contains(0) ? null : string.Join(",", widths);
    }

    private static int[] ParseHidden(string canonical) => canonical.Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();
}
