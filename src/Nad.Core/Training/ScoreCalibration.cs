using Nad.Core.Detectors.Calibration;

namespace Nad.Core.Training;

/// <summary>
/// A model's score turned into P(attack) in [0, 1]: a Platt fit, P = 1 / (1 + exp(A·score + B)),
/// on the held-out training rows the threshold was chosen on (never a test file). Every score unit
/// gets one: a forest's calibrated vote share, the hybrid's score in units of its members' cuts, an
/// Isolation Forest's path score. Saved in the manifest; null where those rows lacked a class.
/// </summary>
public sealed record ScoreCalibration
{
    public string Method { get; init; } = "platt";
    public required double A { get; init; }
    public required double B { get; init; }
    /// <summary>The held-out training rows it was fitted on, and how many of them were attacks.</summary>
    public required int Rows { get; init; }
    public required int AttackRows { get; init; }

    public double Probability(double score) => double.IsNaN(score) ? double.NaN : new PlattScaling(A, B).Probability(score);

    /// <summary>The fit on these held-out rows, or null when there are none or they hold only one class (no probability can be learned).</summary>
    public static ScoreCalibration? Fit(HeldOutScores? heldOut)
    {
        if (heldOut is null) return null;
        var attacks = heldOut.Truth.Count(t => t);
        if (attacks == 0 || attacks == heldOut.Truth.Length) return null;
        // Infinite scores (a hard "certainly attack") carry no slope information: the fit uses the finite ones.
        var rows = Enumerable.Range(0, heldOut.Scores.Length).Where(i => double.IsFinite(heldOut.Scores[i])).ToArray();
        var truth = rows.Select(i => heldOut.Truth[i]).ToArray();
        if (!truth.Contains(true) || !truth.Contains(false)) return null;
        var fit = PlattScaling.Fit(rows.Select(i => heldOut.Scores[i]).ToArray(), truth);
        return new ScoreCalibration { A = fit.A, B = fit.B, Rows = rows.Length, AttackRows = truth.Count(t => t) };
    }
}
