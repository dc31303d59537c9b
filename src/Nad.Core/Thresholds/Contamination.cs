using System.Globalization;

namespace Nad.Core.Thresholds;

/// <summary>
/// scikit-learn's contamination: "auto" (the paper's fixed score cut, 0.5 for an Isolation
/// Forest) or the expected share of anomalies in the training rows, which puts the threshold
/// at the matching percentile of the training scores (an alert rate).
/// </summary>
public readonly record struct Contamination(double? Fraction)
{
    public static Contamination Auto => new(null);
    public bool IsAuto => Fraction is null;

    public override string ToString() => Fraction is { } f ? f.ToString("0.####", CultureInfo.InvariantCulture) : "auto";

    public static Contamination Parse(string name, string? text)
    {
        if (text is null || text.Equals("auto", StringComparison.OrdinalIgnoreCase)) return Auto;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0 && f <= 0.5)
            return new Contamination(f);
        throw new ArgumentException($"Parameter '{name}' is '{text}'; expected 'auto' or a fraction in (0, 0.5], e.g. 0.05.");
    }

    /// <summary>The score above which <see cref="Fraction"/> of <paramref name="trainingScores"/> lie (linear interpolation, as numpy.percentile).</summary>
    public double ThresholdFor(IReadOnlyList<double> trainingScores) =>
        Percentile.Linear(trainingScores, 1 - (Fraction ?? throw new InvalidOperationException("'auto' has no percentile.")));
}
