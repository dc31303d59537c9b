using System.Globalization;
using Nad.Core.Detectors.Supervised;
using Nad.Core.Detectors.Unsupervised;
using Nad.Core.Evaluation;
using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Detectors.Ensembles;

/// <summary>
/// Trains a <see cref="HybridModel"/>: on 80% of the training rows (stratified), the supervised
/// member on all of them and the anomaly member on their normal rows only; on the other 20%, the
/// supervised threshold that maximizes F1 and the anomaly threshold that flags a chosen share
/// (<c>--param fpr=0.05</c>) of the held-out normal rows. No test file is ever looked at.
/// </summary>
public sealed class HybridTrainer : IDetectorTrainer
{
    public const string ModelName = "hybrid";

    private readonly TrainerSettings _settings;
    private readonly DetectorEntry _supervised;
    private readonly DetectorEntry _anomaly;
    private readonly double _falsePositiveBudget;

    public HybridTrainer(TrainerSettings? settings = null)
    {
        _settings = settings ?? TrainerSettings.Default;
        _settings.RejectUnknown(ModelName, "supervised", "anomaly", "fpr");
        _settings.RequireAttackTarget(ModelName);
        _supervised = DetectorCatalog.Get(_settings.Text("supervised", RandomForestTrainer.ModelName));
        _anomaly = DetectorCatalog.Get(_settings.Text("anomaly", IsolationForestTrainer.ModelName));
        if (!_supervised.IsSupervised || _supervised.Name == ModelName)
            throw new ArgumentException($"Parameter 'supervised' must name a supervised model other than hybrid; '{_supervised.Name}' is not.");
        if (_anomaly.IsSupervised)
            throw new ArgumentException($"Parameter 'anomaly' must name an unsupervised model; '{_anomaly.Name}' is supervised.");
        _falsePositiveBudget = _settings.Double("fpr", 0.05, 0.0001, 0.5);
    }

    public string Name => ModelName;
    public bool IsSupervised => true;

    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["supervised"] = _supervised.Name,
        ["anomaly"] = _anomaly.Name,
        ["fpr"] = _falsePositiveBudget.ToString(CultureInfo.InvariantCulture),
        ["seed"] = _settings.Seed.ToString(CultureInfo.InvariantCulture),
    };

    public IScoringModel Fit(ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var labels = data.RequireLabels();
        var (trainRows, holdoutRows) = StratifiedSplit.TrainHoldout(labels, 0.2, _settings.Seed);
        var train = data.Subset(trainRows);
        var holdout = data.Subset(holdoutRows);
        var memberSettings = _settings.With(new Dictionary<string, string>());

        var supervised = _supervised.CreateTrainer(memberSettings).Fit(train, new ProgressSlice(progress, 0, 0.6, _supervised.Name), cancellationToken);
        var holdoutTruth = holdout.RequireLabels().Select(l => l.IsAttack).ToArray();
        var supervisedThreshold = ThresholdSelector.MaxF1(holdoutTruth, supervised.Score(holdout.Records));

        cancellationToken.ThrowIfCancellationRequested();
        var anomaly = _anomaly.CreateTrainer(memberSettings).Fit(train.NormalOnly(), new ProgressSlice(progress, 0.6, 0.95, _anomaly.Name), cancellationToken);
        var normalHoldout = holdout.NormalOnly();
        if (normalHoldout.Count == 0) throw new ArgumentException($"{data.Source} has no normal rows to set the anomaly threshold on.");
        var anomalyThreshold = Percentile.Linear(anomaly.Score(normalHoldout.Records), 1 - _falsePositiveBudget);

        progress?.Report(new TrainingProgress("done", 1));
        return new HybridModel(
            new EnsembleMember(_supervised.Name, supervised), Math.Max(supervisedThreshold, 1e-9),
            new EnsembleMember(_anomaly.Name, anomaly), Math.Max(anomalyThreshold, 1e-9),
            FeatureEncoder.Fit(data.Records));
    }
}
