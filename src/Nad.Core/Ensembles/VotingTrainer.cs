using Nad.Core.Detectors;
using Nad.Core.Features;
using Nad.Core.Records;
using Nad.Core.Thresholds;
using static Nad.Core.Detectors.ParameterDeclaration;

namespace Nad.Core.Ensembles;

/// <summary>
/// Soft voting: several different models trained on the same rows, their attack
/// probabilities averaged (members by name: <c>members=random-forest,lightgbm</c>).
/// The default members are the reference project's: random forest, gradient boosting, decision tree.
/// </summary>
public sealed class VotingTrainer : DeclaredTrainer
{
    public const string ModelName = "voting";
    public const string DefaultMembers = "random-forest,gradient-boosting,decision-tree";

    public static TrainerDeclaration Declaration { get; } = new(ModelName, [PredictionTarget.Attack],
        Text("members", DefaultMembers, "supervised models' names separated by commas", "the models whose attack probabilities are averaged"));

    private readonly IModelCatalog _catalog;
    private readonly string[] _members;

    public VotingTrainer(TrainerSettings? settings, IModelCatalog catalog) : base(Declaration, settings)
    {
        _catalog = catalog;
        _members = Values.Text("members")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(catalog.Resolve).ToArray();
        if (_members.Length == 0)
            throw new InvalidParameterException(ModelName, "members", Values.Text("members"), "model names", "Parameter 'members' names no models; e.g. members=random-forest,lightgbm.");
        var bad = _members.FirstOrDefault(m => m == ModelName || !catalog.IsSupervised(m));
        if (bad is not null)
            throw new InvalidParameterException(ModelName, "members", bad, "supervised models", $"Voting members must be supervised models other than voting; '{bad}' is not.");
    }

    public override bool IsSupervised => true;
    public override IThresholdRule DefaultThreshold => HeldOutMaxF1Rule.Instance;
    protected override IEnumerable<(string Name, string Value)> Extras => [("members", string.Join(",", _members)), Values.Seed];

    public override FittedModel Fit(ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var members = new List<EnsembleMember>(_members.Length);
        for (var m = 0; m < _members.Length; m++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var trainer = _catalog.CreateTrainer(_members[m], Values.Settings.With(new Dictionary<string, string>()));
            var slice = new ProgressSlice(progress, (double)m / _members.Length, (m + 1.0) / _members.Length, _members[m]);
            members.Add(new EnsembleMember(_members[m], trainer.Fit(data, slice, cancellationToken).Model));
        }
        return new FittedModel(new EnsembleModel(members, FeatureEncoder.Fit(data.Records)));
    }
}
