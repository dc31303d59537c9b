using Nad.Core.Evaluation;
using Nad.Core.Thresholds;

namespace Nad.Core.Training;

/// <summary>
/// Everything a model file says about its model besides the model itself: what it is, what it
/// was trained on and how, its threshold and the metrics measured on held-out training rows.
/// </summary>
public sealed record ModelManifest
{
    public const string FormatName = "nad-model";
    public const int CurrentFormatVersion = 1;

    public string Format { get; init; } = FormatName;
    public int FormatVersion { get; init; } = CurrentFormatVersion;
    /// <summary>The model's name in the catalog ("random-forest").</summary>
    public required string Model { get; init; }
    public required bool Supervised { get; init; }
    /// <summary>What the model predicts: "attack" (normal/attack) or "family" (the classes in <see cref="Families"/>).</summary>
    public string Target { get; init; } = "attack";
    /// <summary>
    /// A family model's classes, Normal first, as its probabilities are ordered (for reading: the model itself holds them);
    /// null for normal/attack models and in files written before other schemas had families (those are NSL-KDD's five).
    /// </summary>
    public IReadOnlyList<string>? Families { get; init; }
    public required DateTimeOffset CreatedUtc { get; init; }
    public string NadVersion { get; init; } = typeof(ModelManifest).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    public required TrainingDataInfo TrainingData { get; init; }
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }
    public required double Threshold { get; init; }
    /// <summary>How the threshold was chosen, in words: <see cref="ThresholdSelection"/>'s, or as a file written before it existed says.</summary>
    public string ThresholdRule
    {
        get => _thresholdRule ?? ThresholdSelection?.Describe() ?? "";
        init => _thresholdRule = value;
    }
    private readonly string? _thresholdRule;
    /// <summary>How the threshold was chosen, as data (null in files written before it existed).</summary>
    public ThresholdSelection? ThresholdSelection { get; init; }
    /// <summary>Metrics on the held-out training rows the threshold was chosen on (null if none were held out).</summary>
    public BinaryMetrics? ValidationMetrics { get; init; }
    /// <summary>The score as a probability of attack, fitted on the same held-out rows (null where there were none with both classes, and in older files).</summary>
    public ScoreCalibration? Calibration { get; init; }
    /// <summary>What the user should know about this model, e.g. a threshold that flags almost nothing.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>sha256 of the payload entry: a changed byte is caught on load.</summary>
    public string PayloadSha256 { get; init; } = "";
}
