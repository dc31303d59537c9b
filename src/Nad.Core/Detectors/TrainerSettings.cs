using System.Globalization;

namespace Nad.Core.Detectors;

/// <summary>
/// Settings every trainer understands (seed, threads) and model-specific ones as name=value
/// pairs (<c>nad train --param trees=200</c>); each trainer reads the names it knows and
/// rejects the rest, so a typo never passes silently.
/// </summary>
public sealed record TrainerSettings
{
    public int Seed { get; init; } = 42;

    /// <summary>Worker threads; ML.NET trainers on 2 cores need an explicit count.</summary>
    public int Threads { get; init; } = Math.Max(1, Environment.ProcessorCount);

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Normal/attack (default) or the attack family (<c>--target family</c>).</summary>
    public PredictionTarget Target { get; init; } = PredictionTarget.Attack;

    public static TrainerSettings Default { get; } = new();

    /// <summary>Reads an integer parameter, or the default when absent.</summary>
    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!Parameters.TryGetValue(name, out var text)) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new ArgumentException($"Parameter '{name}' is '{text}'; expected a whole number from {min} to {max}.");
        return value;
    }

    /// <summary>Reads a real-valued parameter, or the default when absent.</summary>
    public double Double(string name, double fallback, double min = double.MinValue, double max = double.MaxValue)
    {
        if (!Parameters.TryGetValue(name, out var text)) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max || !double.IsFinite(value))
            throw new ArgumentException($"Parameter '{name}' is '{text}'; expected a number from {min} to {max}.");
        return value;
    }

    /// <summary>Reads a parameter that must be one of <paramref name="choices"/>, or the default when absent.</summary>
    public string Choice(string name, string fallback, params string[] choices)
    {
        if (!Parameters.TryGetValue(name, out var text)) return fallback;
        return choices.Contains(text, StringComparer.Ordinal)
            ? text
            : throw new ArgumentException($"Parameter '{name}' is '{text}'; expected one of {string.Join(", ", choices)}.");
    }

    /// <summary>Reads a text parameter, or the default when absent.</summary>
    public string Text(string name, string fallback) => Parameters.TryGetValue(name, out var text) ? text : fallback;

    /// <summary>These settings with other parameters (for the members of an ensemble).</summary>
    public TrainerSettings With(IReadOnlyDictionary<string, string> parameters, int? seed = null) =>
        this with { Parameters = parameters, Seed = seed ?? Seed };

    /// <summary>Throws when the target is <see cref="PredictionTarget.Family"/> and <paramref name="model"/> supports only normal/attack.</summary>
    public void RequireAttackTarget(string model)
    {
        if (Target != PredictionTarget.Attack)
            throw new ArgumentException($"Model '{model}' predicts normal/attack only; for --target family use logistic-regression, lightgbm or neural-network.");
    }

    /// <summary>Throws when a parameter is not one of <paramref name="known"/>.</summary>
    public void RejectUnknown(string model, params string[] known)
    {
        var unknown = Parameters.Keys.Where(k => !known.Contains(k, StringComparer.Ordinal)).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"Model '{model}' has no parameter {string.Join(", ", unknown.Select(u => $"'{u}'"))}; it takes: {string.Join(", ", known)}.");
    }
}
