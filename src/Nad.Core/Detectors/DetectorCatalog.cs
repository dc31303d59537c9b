using Nad.Core.Detectors.MlNet;
using Nad.Core.Detectors.Supervised;
using Nad.Core.Detectors.Unsupervised;
using Nad.Core.Features;

namespace Nad.Core.Detectors;

/// <summary>One model NAD can train: how to make its trainer and how to load its saved payload.</summary>
public sealed record DetectorEntry(
    string Name,
    string Description,
    bool IsSupervised,
    Func<TrainerSettings, IDetectorTrainer> CreateTrainer,
    Func<Stream, FeatureEncoder, IScoringModel> LoadModel);

/// <summary>
/// Every model by name: the CLI's <c>--model</c> choices, the service's model list and the
/// model-file loader all read this one table. A new model is one entry here.
/// </summary>
public static class DetectorCatalog
{
    public const string DefaultModel = RandomForestTrainer.ModelName;

    public static IReadOnlyList<DetectorEntry> Entries { get; } =
    [
        new(RandomForestTrainer.ModelName,
            "Random forest (ML.NET FastForest, Platt-calibrated), supervised normal/attack.",
            IsSupervised: true,
            s => new RandomForestTrainer(s),
            (payload, encoder) => MlNetBinaryModel.Load(payload, encoder)),
        new(IsolationForestTrainer.ModelName,
            "Isolation Forest (Liu et al. 2008), unsupervised: labels ignored; add --normal-only for a clean baseline.",
            IsSupervised: false,
            s => new IsolationForestTrainer(s),
            (payload, encoder) => IsolationForestModel.Load(payload, encoder)),
        new(PcaTrainer.ModelName,
            "PCA reconstruction error (95% of the variance, standardized features), unsupervised.",
            IsSupervised: false,
            s => new PcaTrainer(s),
            (payload, encoder) => PcaModel.Load(payload, encoder)),
        new(RandomizedPcaTrainer.ModelName,
            "ML.NET RandomizedPca anomaly detector (rank 20, standardized features), unsupervised baseline.",
            IsSupervised: false,
            s => new RandomizedPcaTrainer(s),
            (payload, encoder) => MlNetAnomalyModel.Load(payload, encoder)),
        new(KnnTrainer.ModelName,
            "Mean distance to the 5 nearest of 20,000 sampled training rows (standardized), unsupervised; best with --normal-only.",
            IsSupervised: false,
            s => new KnnTrainer(s),
            (payload, encoder) => KnnModel.Load(payload, encoder)),
    ];

    public static IEnumerable<string> Names => Entries.Select(e => e.Name);

    public static DetectorEntry? Find(string name) =>
        Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    public static DetectorEntry Get(string name) => Find(name)
        ?? throw new ArgumentException($"Unknown model '{name}'. Known models: {string.Join(", ", Names)}.");
}
