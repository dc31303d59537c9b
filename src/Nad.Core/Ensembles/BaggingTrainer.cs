using Nad.Core.Detectors;
using Nad.Core.Features;
using Nad.Core.Records;
using Nad.Core.Thresholds;
using static Nad.Core.Detectors.ParameterDeclaration;

namespace Nad.Core.Ensembles;

/// <summary>
/// Bootstrap aggregating: each member is the base model trained on a bootstrap sample (rows
/// drawn with replacement) of the training data; their attack probabilities are averaged.
/// Member i uses seed + i for both its sample and its own training, so a seed fixes the result.
/// </summary>
public sealed class BaggingTrainer : DeclaredTrainer
{
    public const string ModelName = "bagging";

    public static TrainerDeclaration Declaration { get; } = new(ModelName, [PredictionTarget.Attack],
        Text("base", "decision-tree", "a supervised single model's name", "the model each member is"),
        Int("estimators", 10, 1, 1000, "members, each on its own bootstrap sample"),
        Real("sample-fraction", 1, 0.01, 1, "bootstrap sample size as a share of the training rows"));

    private readonly IModelCatalog _catalog;
    private readonly string _base;

    public BaggingTrainer(TrainerSettings? settings, IModelCatalog catalog) : base(Declaration, settings)
    {
        _catalog = catalog;
        _base = catalog.Resolve(Values.Text("base"));
        if (_base is ModelName or VotingTrainer.ModelName || !catalog.IsSupervised(_base))
            throw new InvalidParameterException(ModelName, "base", _base, "a supervised single model", $"Bagging needs a supervised single model as its base, not '{_base}'.");
    }

    public override bool IsSupervised => true;
    public override IThresholdRule DefaultThreshold => HeldOutMaxF1Rule.Instance;
    protected override IEnumerable<(string Name, string Value)> Extras => [("base", _base), Values.Seed];

    public override FittedModel Fit(ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var labels = data.RequireLabels();
        var sampleSize = Math.Max(2, (int)Math.Round(data.Count * Values.Real("sample-fraction")));
        var members = new List<EnsembleMember>(Values.Int("estimators"));
        for (var m = 0; m < Values.Int("estimators"); m++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var seed = Values.Settings.Seed + m;
            var random = new Random(seed);
            var rows = new int[sampleSize];
            for (var k = 0; k < rows.Length; k++) rows[k] = random.Next(data.Count);
            // A bootstrap of a tiny slice can miss a class; redraw one row of the other class so the base model can train.
            if (rows.All(r => labels[r].IsAttack) || rows.All(r => !labels[r].IsAttack))
                rows[0] = Enumerable.Range(0, data.Count).First(r => labels[r].IsAttack != labels[rows[1]].IsAttack);
            var trainer = _catalog.CreateTrainer(_base, Values.Settings.With(new Dictionary<string, string>(), seed));
            var slice = new ProgressSlice(progress, (double)m / Values.Int("estimators"), (m + 1.0) / Values.Int("estimators"), $"member {m + 1}/{Values.Int("estimators")}");
            members.Add(new EnsembleMember(_base, trainer.Fit(data.Subset(rows), slice, cancellationToken).Model));
        }
        return new FittedModel(new EnsembleModel(members, FeatureEncoder.Fit(data.Records)));
    }
}
