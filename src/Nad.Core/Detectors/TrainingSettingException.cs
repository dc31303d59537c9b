using Nad.Core.Thresholds;

namespace Nad.Core.Detectors;

/// <summary>
/// Training settings that do not fit each other, the model or the data. Carries the settings involved
/// and the facts a front end needs to word the refusal with its own option names; the message itself
/// names no front-end option.
/// </summary>
public sealed class TrainingSettingException(string message, TrainingSettingProblem problem, params TrainingSetting[] settings) : ArgumentException(message)
{
    public TrainingSettingProblem Problem { get; } = problem;
    public IReadOnlyList<TrainingSetting> Settings { get; } = settings;

    /// <summary>The model, for a target it does not learn.</summary>
    public string? Model { get; init; }
    public PredictionTarget? Target { get; init; }

    /// <summary>The models that do learn <see cref="Target"/> (filled in by the catalog; empty when unknown here).</summary>
    public IReadOnlyList<string> Alternatives { get; init; } = [];

    /// <summary>The threshold rule involved, when one is.</summary>
    public ThresholdRuleKind? Rule { get; init; }

    /// <summary>The data the settings do not fit (its source), when the data is the problem.</summary>
    public string? DataSource { get; init; }

    public static TrainingSettingException UnsupportedTarget(string model, PredictionTarget target, IReadOnlyList<string> alternatives) =>
        new($"Model '{model}' predicts normal/attack only" + (alternatives.Count > 0 ? $"; for the {Words(target)} target use {List(alternatives)}." : "."),
            TrainingSettingProblem.UnsupportedTarget, TrainingSetting.Target)
        {
            Model = model,
            Target = target,
            Alternatives = alternatives,
        };

    /// <summary>"a, b or c".</summary>
    public static string List(IReadOnlyList<string> names) =>
        names.Count <= 1 ? string.Join("", names) : $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}";

    private static string Words(PredictionTarget target) => target == PredictionTarget.Family ? "family" : "normal/attack";
}
