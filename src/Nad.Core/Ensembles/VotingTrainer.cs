using System.Globalization;
using Nad.Core.Detectors;
using Nad.Core.Features;
using Nad.Core.Records;
using Nad.Core.Thresholds;

namespace Nad.Core.Ensembles;

/// <summary>
/// Soft voting: several different models trained on the same rows, their attack
/// probabilities averaged (members by name: <c>--param members=random-forest,lightgbm</c>).
/// The default members are the reference project's: random forest, gradient boosting, decision tree.
/// </summary>
public sealed class VotingTrainer : IDetectorTrainer
{
    public const string ModelName = "voting";
    public const string DefaultMembers = "random-forest,gradient-boosting,decision-tree";

    private readonly TrainerSettings _settings;
    private readonly IModelCatalog _catalog;
    private readonly string[] _members;

    public VotingTrainer(TrainerSettings? settings, IModelCatalog catalog)
    {
        _settings = settings ?? TrainerSettings.Default;
        _catalog = catalog;
        _settings.RejectUnknown(ModelName, "members");
        _settings.RequireAttackTarget(ModelName);
        _members = _settings.Text("members", DefaultMembers)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(catalog.Resolve).ToArray();
        if (_members.Length == 0) throw new ArgumentException("Parameter 'members' names no models; e.g. members=random-forest,lightgbm.");
        var bad = _members.FirstOrDefault(m => m == ModelName || !catalog.IsSupervised(m));
        if (bad is not null) throw new ArgumentException($"Voting members must be supervised models other than voting; '{bad}' is not.");
    }

    public string Name => ModelName;
    public bool IsSupervised => true;
    public IThresholdRule DefaultThreshold => HeldOutMaxF1Rule.Instance;

    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["members"] = string.Join(",", _members),
        ["seed"] = _settings.Seed.ToString(CultureInfo.InvariantCulture),
    };

    public FittedModel Fit(ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var members = new List<EnsembleMember>(_members.Length);
        for (var m = 0; m < _members.Length; m++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var trainer = _catalog.CreateTrainer(_members[m], _settings.With(new Dictionary<string, string>()));
            var slice = new ProgressSlice(progress, (double)m / _members.Length, (m + 1.0) / _members.Length, _members[m]);
            members.Add(new EnsembleMember(_members[m], trainer.Fit(data, slice, cancellationToken).Model));
        }
        return new FittedModel(new EnsembleModel(members, FeatureEncoder.Fit(data.Records)));
    }
}
