using Nad.Core.Detectors;
using Nad.Core.Features;

namespace Nad.Core.Catalog;

/// <summary>
/// One model NAD can train: its name and description, its trainer's declaration (targets and
/// parameters), how to make its trainer and how to load its saved payload.
/// </summary>
public sealed record DetectorEntry(
    string Name,
    string Description,
    bool IsSupervised,
    TrainerDeclaration Declaration,
    Func<TrainerSettings, IDetectorTrainer> Create,
    Func<Stream, FeatureEncoder, IScoringModel> LoadModel)
{
    /// <summary>What the model can learn to predict.</summary>
    public IReadOnlyList<PredictionTarget> Targets => Declaration.Targets;

    /// <summary>
    /// The model's trainer with these settings. A target it does not learn is refused here, naming the
    /// models that do learn it; its parameters are checked by the trainer against its declaration.
    /// </summary>
    public IDetectorTrainer CreateTrainer(TrainerSettings settings) =>
        Targets.Contains(settings.Target) ? Create(settings)
            : throw TrainingSettingException.UnsupportedTarget(Name, settings.Target, DetectorCatalog.ModelsFor(settings.Target));
}
