namespace Nad.Core.Ensembles;

/// <summary>
/// Logistic regression on two member scores, P(attack) = 1 / (1 + exp(-(b + w1·x1 + w2·x2))),
/// fitted by Newton's method (unpenalized but for a 1e-9 ridge that keeps the Hessian invertible
/// when the classes separate), as scikit-learn's LogisticRegression(penalty=None) does. Two inputs
/// need no library; the fit is checked against scikit-learn on a fixture.
/// </summary>
public readonly record struct ScoreStacker(double Bias, double Weight1, double Weight2)
{
    public double Probability(double x1, double x2)
    {
        var z = Bias + Weight1 * x1 + Weight2 * x2;
        return z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
    }

    public static ScoreStacker Fit(IReadOnlyList<double> x1, IReadOnlyList<double> x2, IReadOnlyList<bool> truth, int maxIterations = 100)
    {
        if (x1.Count != truth.Count || x2.Count != truth.Count) throw new ArgumentException("One label per pair of scores.");
        if (truth.All(t => t) || truth.All(t => !t)) throw new ArgumentException("Stacking needs both classes.");
        var w = new double[3];
        var x = new double[3];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            // Gradient and Hessian of the mean negative log-likelihood in (bias, w1, w2).
            var g = new double[3];
            var h = new double[3, 3];
            var current = new ScoreStacker(w[0], w[1], w[2]);
            for (var i = 0; i < truth.Count; i++)
            {
                (x[0], x[1], x[2]) = (1, x1[i], x2[i]);
                var p = current.Probability(x1[i], x2[i]);
                var r = p - (truth[i] ? 1 : 0);
                var q = p * (1 - p);
                for (var a = 0; a < 3; a++)
                {
                    g[a] += r * x[a];
                    for (var b = 0; b < 3; b++) h[a, b] += q * x[a] * x[b];
                }
            }
            for (var a = 0; a < 3; a++) h[a, a] += 1e-9 * truth.Count;
            var step = Solve(h, g);
            for (var a = 0; a < 3; a++) w[a] -= step[a];
            if (step.Max(Math.Abs) < 1e-10) break;
        }
        return new ScoreStacker(w[0], w[1], w[2]);
    }

    /// <summary>Solves the 3x3 system h·s = g by Cramer's rule (h is symmetric positive definite).</summary>
    private static double[] Solve(double[,] h, double[] g)
    {
        double Det(double[,] m) =>
            m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1]) - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0]) + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);
        var det = Det(h);
        var result = new double[3];
        for (var c = 0; c < 3; c++)
        {
            var m = (double[,])h.Clone();
            for (var r = 0; r < 3; r++) m[r, c] = g[r];
            result[c] = Det(m) / det;
        }
        return result;
    }
}
