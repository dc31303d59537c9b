using Nad.Core.Evaluation;
using Nad.Core.ModelFiles;
using Nad.Core.Training;

namespace Nad.Service.Models;

/// <summary>A loaded model as the API lists it: what it is, how it was trained, its threshold and held-out metrics.</summary>
public sealed record ModelView(
    string Name,
    string Model,
    bool Supervised,
    string Version,
    bool Active,
    DateTimeOffset CreatedUtc,
    double Threshold,
    string ThresholdRule,
    IReadOnlyDictionary<string, string> Parameters,
    TrainingDataInfo TrainingData,
    BinaryMetrics? ValidationMetrics)
{
    public static ModelView Of(LoadedModel model, bool active)
    {
        var m = model.Detector.Manifest;
        return new(model.Name, m.Model, m.Supervised, model.Version, active, m.CreatedUtc, m.Threshold, m.ThresholdRule,
            m.Parameters, m.TrainingData, m.ValidationMetrics);
    }
}
