using Nad.Core.Features;

namespace Nad.Core.Detectors;

/// <summary>
/// The models NAD knows, as an ensemble sees them: an ensemble names its members and gets their
/// trainers and payload loaders from here. The catalog implements it and hands itself to the
/// ensembles it creates, so no ensemble names the catalog (which sits above them).
/// </summary>
public interface IModelCatalog
{
    /// <summary>The catalog's spelling of <paramref name="model"/> (names are case-insensitive); throws naming the known models when there is none.</summary>
    string Resolve(string model);

    /// <summary>True when the named model learns from labels.</summary>
    bool IsSupervised(string model);

    /// <summary>The named model's trainer with these settings (its parameters checked now).</summary>
    IDetectorTrainer CreateTrainer(string model, TrainerSettings settings);

    /// <summary>Loads a payload the named model's <see cref="IScoringModel.Save"/> wrote.</summary>
    IScoringModel LoadModel(string model, Stream payload, FeatureEncoder encoder);
}
