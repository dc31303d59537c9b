using Nad.Core.Evaluation;

namespace Nad.Core.Training;

/// <summary>The data a model was trained on, so that results can be traced back to it.</summary>
public sealed record TrainingDataInfo(string Name, string Sha256, long Rows);

/// <summary>
/// How a threshold was chosen: the rule (<c>held-out</c>, <c>novel</c>, <c>novel-balanced</c>,
/// <c>target-fpr</c>, <c>model</c>), what it maximized, on how many rows; for the leave-attack-types-out
/// rules also the groups left out and what share of the never-seen attack types the threshold catches.
/// </summary>
public sealed record ThresholdSelection
{
    public required string Rule { get; init; }
    public required string Criterion { get; init; }
    public required int ValidationRows { get; init; }
    public int? NormalRows { get; init; }
    public IReadOnlyList<string[]>? LeftOutGroups { get; init; }
    public int? NovelAttackRows { get; init; }
    public int? SeenAttackRows { get; init; }
    /// <summary>Share of the novel-type attack rows of the pool at or above the threshold.</summary>
    public double? NovelDetectionRate { get; init; }
    /// <summary>Share of the seen-type held-out attack rows of the pool at or above the threshold.</summary>
    public double? SeenDetectionRate { get; init; }
}

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
    /// <summary>The model's name in <see cref="Detectors.DetectorCatalog"/> ("random-forest").</summary>
    public required string Model { get; init; }
    public required bool Supervised { get; init; }
    /// <summary>What the model predicts: "attack" (normal/attack) or "family" (normal, DoS, Probe, R2L, U2R).</summary>
    public string Target { get; init; } = "attack";
    public required DateTimeOffset CreatedUtc { get; init; }
    public string NadVersion { get; init; } = typeof(ModelManifest).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    public required TrainingDataInfo TrainingData { get; init; }
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }
    public required double Threshold { get; init; }
    /// <summary>How the threshold was chosen, in words.</summary>
    public required string ThresholdRule { get; init; }
    /// <summary>How the threshold was chosen, as data (null in files written before it existed).</summary>
    public ThresholdSelection? ThresholdSelection { get; init; }
    /// <summary>Metrics on the held-out training rows the threshold was chosen on (null if none were held out).</summary>
    public BinaryMetrics? ValidationMetrics { get; init; }
    /// <summary>What the user should know about this model, e.g. a threshold that flags almost nothing.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>sha256 of the payload entry: a changed byte is caught on load.</summary>
    public string PayloadSha256 { get; init; } = "";
}
