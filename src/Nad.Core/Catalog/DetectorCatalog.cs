using Nad.Core.Detectors;
using Nad.Core.Detectors.MlNet;
using Nad.Core.Detectors.Neural;
using Nad.Core.Detectors.Supervised;
using Nad.Core.Detectors.Trees;
using Nad.Core.Detectors.Unsupervised;
using Nad.Core.Ensembles;
using Nad.Core.Features;

namespace Nad.Core.Catalog;

/// <summary>
/// Every model by name: the front ends' model choices, the service's model list and the
/// model-file loader all read this one table. A new model is one entry here.
/// </summary>
public static class DetectorCatalog
{
    /// <summary>
    /// The model <c>nad train</c>, <c>nad demo</c> and the service use when none is named. Normal/attack:
    /// the hybrid (random forest OR an Isolation Forest on normal rows), because a forest alone cannot
    /// catch attack types it never saw (docs/results.md). Family: LightGBM, since the hybrid and the
    /// random forest predict normal/attack only.
    /// </summary>
    public static string DefaultModel(PredictionTarget target) => target switch
    {
        PredictionTarget.Attack => HybridTrainer.ModelName,
        PredictionTarget.Family => LightGbmTrainer.ModelName,
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Unknown prediction target."),
    };

    /// <summary>This catalog as the ensembles see it: they get their members' trainers and loaders here (declared first: the entries use it).</summary>
    public static IModelCatalog Models { get; } = new CatalogModels();

    public static IReadOnlyList<DetectorEntry> Entries { get; } =
    [
        new(RandomForestTrainer.ModelName, "Random forest (LightGBM's random-forest booster, or ML.NET FastForest with engine=fastforest), scored by NAD's flat trees, Platt-calibrated; supervised normal/attack.",
            IsSupervised: true, RandomForestTrainer.Declaration, s => new RandomForestTrainer(s), TreeEnsembleModel.Load),
        new(IsolationForestTrainer.ModelName,
            "Isolation Forest (Liu et al. 2008), unsupervised: labels ignored; train on normal rows only for a clean baseline.",
            IsSupervised: false, IsolationForestTrainer.Declaration,
            s => new IsolationForestTrainer(s),
            (payload, encoder) => IsolationForestModel.Load(payload, encoder)),
        new(PcaTrainer.ModelName,
            "PCA reconstruction error (95% of the variance, standardized features), unsupervised.",
            IsSupervised: false, PcaTrainer.Declaration,
            s => new PcaTrainer(s),
            (payload, encoder) => PcaModel.Load(payload, encoder)),
        new(RandomizedPcaTrainer.ModelName,
            "ML.NET RandomizedPca anomaly detector (rank 20, standardized features), unsupervised baseline.",
            IsSupervised: false, RandomizedPcaTrainer.Declaration,
            s => new RandomizedPcaTrainer(s),
            (payload, encoder) => MlNetAnomalyModel.Load(payload, encoder)),
        new(KnnTrainer.ModelName,
            "Mean distance to the 5 nearest of 10,000 sampled training rows (standardized), unsupervised; best trained on normal rows only.",
            IsSupervised: false, KnnTrainer.Declaration,
            s => new KnnTrainer(s),
            (payload, encoder) => KnnModel.Load(payload, encoder)),
        new(DbscanTrainer.ModelName,
            "DBSCAN on 5 principal components of standardized features, eps from the k-distance elbow; a record with no core point within eps is anomalous. Unsupervised.",
            IsSupervised: false, DbscanTrainer.Declaration,
            s => new DbscanTrainer(s),
            (payload, encoder) => DbscanModel.Load(payload, encoder)),
        MlNet(LogisticRegressionTrainer.ModelName, "Logistic regression (ML.NET L-BFGS) on standardized inputs; normal/attack and family.",
            LogisticRegressionTrainer.Declaration, s => new LogisticRegressionTrainer(s)),
        MlNet(DecisionTreeTrainer.ModelName, "One readable decision tree (ML.NET FastTree, a single tree), whose rules can be printed.",
            DecisionTreeTrainer.Declaration, s => new DecisionTreeTrainer(s)),
        MlNet(GradientBoostingTrainer.ModelName, "Gradient-boosted trees (ML.NET FastTree, scored by NAD's flat trees).",
            GradientBoostingTrainer.Declaration, s => new GradientBoostingTrainer(s)),
        MlNet(LightGbmTrainer.ModelName, "Gradient-boosted trees (LightGBM, scored by NAD's flat trees); normal/attack and family.",
            LightGbmTrainer.Declaration, s => new LightGbmTrainer(s)),
        MlNet(LinearSvmTrainer.ModelName, "Linear SVM (ML.NET LinearSvm) on standardized inputs, Platt-calibrated.",
            LinearSvmTrainer.Declaration, s => new LinearSvmTrainer(s)),
        new(NeuralNetworkTrainer.ModelName, "Multilayer perceptron (NAD's own: ReLU, Adam, early stopping) on standardized inputs; normal/attack and family.",
            IsSupervised: true, NeuralNetworkTrainer.Declaration, s => new NeuralNetworkTrainer(s), (payload, encoder) => MlpScoringModel.Load(payload, encoder)),
        new(BaggingTrainer.ModelName, "Bagging: bootstrap aggregates of a base model (default 10 decision trees; parameters base and estimators).",
            IsSupervised: true, BaggingTrainer.Declaration, s => new BaggingTrainer(s, Models), (payload, encoder) => EnsembleModel.Load(payload, encoder, Models)),
        new(VotingTrainer.ModelName, $"Soft voting over trained models (default {VotingTrainer.DefaultMembers}; parameter members).",
            IsSupervised: true, VotingTrainer.Declaration, s => new VotingTrainer(s, Models), (payload, encoder) => EnsembleModel.Load(payload, encoder, Models)),
        new(HybridTrainer.ModelName, "Hybrid: random forest OR Isolation Forest trained on normal rows, whose threshold flags a false-positive budget of held-out normal rows (parameter fpr, 0.05); " +
            "supervised-threshold=novel sets the forest's cut by leave-attack-types-out validation, combine=stacked weighs both scores by a logistic stacker instead of OR.",
            IsSupervised: true, HybridTrainer.Declaration, s => new HybridTrainer(s, Models),
            (payload, encoder) => StackedHybridModel.IsStackedPayload(payload) ? StackedHybridModel.Load(payload, encoder, Models) : HybridModel.Load(payload, encoder, Models)),
    ];

    private static DetectorEntry MlNet(string name, string description, TrainerDeclaration declaration, Func<TrainerSettings, IDetectorTrainer> create) =>
        new(name, description, IsSupervised: true, declaration, create, (payload, encoder) =>
            // Boosted trees are saved as NAD's flat trees; model files written before that hold ML.NET's zip.
            MlNetTreeExport.IsTreeEnsemblePayload(payload) ? TreeEnsembleModel.Load(payload, encoder) : MlNetModels.Load(payload, encoder));

    public static IEnumerable<string> Names => Entries.Select(e => e.Name);

    /// <summary>The models that learn <paramref name="target"/>, in catalog order (for the family target: logistic-regression, lightgbm, neural-network).</summary>
    public static IReadOnlyList<string> ModelsFor(PredictionTarget target) => [.. Entries.Where(e => e.Targets.Contains(target)).Select(e => e.Name)];

    public static DetectorEntry? Find(string name) =>
        Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    public static DetectorEntry Get(string name) => Find(name)
        ?? throw new ArgumentException($"Unknown model '{name}'. Known models: {string.Join(", ", Names)}.");

    private sealed class CatalogModels : IModelCatalog
    {
        public string Resolve(string model) => Get(model).Name;
        public bool IsSupervised(string model) => Get(model).IsSupervised;
        public IDetectorTrainer CreateTrainer(string model, TrainerSettings settings) => Get(model).CreateTrainer(settings);
        public IScoringModel LoadModel(string model, Stream payload, FeatureEncoder encoder) => Get(model).LoadModel(payload, encoder);
    }
}
