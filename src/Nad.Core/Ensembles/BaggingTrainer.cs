using System.Globalization;
using Nad.Core.Detectors;
using Nad.Core.Features;
using Nad.Core.Records;
using Nad.Core.Thresholds;

namespace Nad.Core.Ensembles;

/// <summary>
/// Bootstrap aggregating: each member is the base model trained on a bootstrap sample (rows
/// drawn with replacement) of the training data; their attack probabilities are averaged.
/// Member i uses seed + i for both its sample and its own training, so a seed fixes the result.
/// </summary>
public sealed class BaggingTrainer : IDetectorTrainer
{
    public const string ModelName = "bagging";

    private readonly TrainerSettings _settings;
    private readonly IModelCatalog _catalog;
    private readonly string _base;
    private readonly int _estimators;
    private readonly double _sampleFraction;

    public BaggingTrainer(TrainerSettings? settings, IModelCatalog catalog)
    {
        _settings = settings ?? TrainerSettings.Default;
        _catalog = catalog;
        _settings.RejectUnknown(ModelName, "base", "estimators", "sample-fraction");
        _settings.RequireAttackTarget(ModelName);
        _base = catalog.Resolve(_settings.Text("base", "decision-tree"));
        if (_base is ModelName or VotingTrainer.ModelName || !catalog.IsSupervised(_base))
            throw new ArgumentException($"Bagging needs a supervised single model as its base, not '{_base}'.");
        _estimators = _settings.Int("estimators", 10, 1, 1000);
        _sampleFraction = _settings.Double("sample-fraction", 1, 0.01, 1);
    }

    public string Name => ModelName;
    public bool IsSupervised => true;
    public IThresholdRule DefaultThreshold => HeldOutMaxF1Rule.Instance;

    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["base"] = _base,
        ["estimators"] = _estimators.ToString(CultureInfo.InvariantCulture),
        ["sample-fraction"] = _sampleFraction.ToString(CultureInfo.InvariantCulture),
        ["seed"] = _settings.Seed.ToString(CultureInfo.InvariantCulture),
    };

    public FittedModel Fit(ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var labels = data.RequireLabels();
        var sampleSize = Math.Max(2, (int)Math.Round(data.Count * _sampleFraction));
        var members = new List<EnsembleMember>(_estimators);
        for (var m = 0; m < _estimators; m++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var seed = _settings.Seed + m;
            var random = new Random(seed);
            var rows = new int[sampleSize];
            for (var k = 0; k < rows.Length; k++) rows[k] = random.Next(data.Count);
            // A bootstrap of a tiny slice can miss a class; redraw one row of the other class so the base model can train.
            if (rows.All(r => labels[r].IsAttack) || rows.All(r => !labels[r].IsAttack))
                rows[0] = Enumerable.Range(0, data.Count).First(r => labels[r].IsAttack != labels[rows[1]].IsAttack);
            var trainer = _catalog.CreateTrainer(_base, _settings.With(new Dictionary<string, string>(), seed));
            var slice = new ProgressSlice(progress, (double)m / _estimators, (m + 1.0) / _estimators, $"member {m + 1}/{_estimators}");
            members.Add(new EnsembleMember(_base, trainer.Fit(data.Subset(rows), slice, cancellationToken).Model));
        }
        return new FittedModel(new EnsembleModel(members, FeatureEncoder.Fit(data.Records)));
    }
}
