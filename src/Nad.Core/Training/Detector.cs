using Nad.Core.Detectors;
using Nad.Core.Drift;
using Nad.Core.Explanations;
using Nad.Core.Features;
using Nad.Core.Records;

namespace Nad.Core.Training;

/// <summary>A trained model with its threshold and metadata: what a model file holds and every front end uses.</summary>
public sealed class Detector(ModelManifest manifest, IScoringModel model) : IDetector
{
    public ModelManifest Manifest { get; } = manifest;
    public IScoringModel Model { get; } = model;

    /// <summary>The typical values learned from the normal training rows, for explanations; null in model files written before it existed.</summary>
    public NormalBaseline? Baseline { get; init; }

    /// <summary>The layout of the records the model was trained on (NSL-KDD for model files from before schemas).</summary>
    public RecordSchema Schema { get; init; } = BuiltInSchemas.NslKdd;

    /// <summary>The training data's feature and score distributions, for drift checks; null in model files written before it existed.</summary>
    public DriftBaseline? Drift { get; init; }

    public string Name => Manifest.Model;
    public double Threshold => Manifest.Threshold;
    public FeatureEncoder Encoder => Model.Encoder;

    /// <summary>The per-family classifier when the model was trained for the family target, else null.</summary>
    public IFamilyClassifier? FamilyClassifier => Model as IFamilyClassifier;

    public double[] Score(IReadOnlyList<ConnectionRecord> records) => Model.Score(records);
}
