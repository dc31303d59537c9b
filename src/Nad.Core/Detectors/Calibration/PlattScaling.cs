namespace Nad.Core.Detectors.Calibration;

/// <summary>
/// Platt scaling: P(attack | s) = 1 / (1 + exp(A·s + B)), fitted by maximum likelihood with
/// Platt's smoothed targets and Newton's method with backtracking (Lin, Lin and Weng 2007),
/// as scikit-learn's sigmoid calibration does. Turns a forest's vote share into a probability.
/// </summary>
public readonly record struct PlattScaling(double A, double B)
{
    public double Probability(double score)
    {
        var z = A * score + B;
        // Written for both signs of z so that exp never overflows.
        return z >= 0 ? Math.Exp(-z) / (1 + Math.Exp(-z)) : 1 / (1 + Math.Exp(z));
    }

    public static PlattScaling Fit(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        if (scores.Count != labels.Count) throw new ArgumentException("One label per score.");
        double positives = labels.Count(l => l), negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0) throw new ArgumentException("Platt scaling needs both classes.");
        var hi = (positives + 1) / (positives + 2);
        var lo = 1 / (negatives + 2);
        var target = labels.Select(l => l ? hi : lo).ToArray();

        double a = 0, b = Math.Log((negatives + 1) / (positives + 1));
        var loss = Loss(scores, target, a, b);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            // Gradient and Hessian of the negative log-likelihood in (a, b), with a small ridge.
            double h11 = 1e-12, h22 = 1e-12, h21 = 0, g1 = 0, g2 = 0;
            for (var i = 0; i < scores.Count; i++)
            {
                var p = new PlattScaling(a, b).Probability(scores[i]);
                var q = p * (1 - p);
                var d = target[i] - p; // d(loss)/d(z) = t - p for z = a·s + b with p = 1/(1+e^z)
                h11 += scores[i] * scores[i] * q;
                h22 += q;
                h21 += scores[i] * q;
                g1 += scores[i] * d;
                g2 += d;
            }
            if (Math.Abs(g1) < 1e-9 && Math.Abs(g2) < 1e-9) break;
            var det = h11 * h22 - h21 * h21;
            var da = -(h22 * g1 - h21 * g2) / det;
            var db = -(-h21 * g1 + h11 * g2) / det;
            var step = 1.0;
            while (step >= 1e-10)
            {
                var candidate = Loss(scores, target, a + step * da, b + step * db);
                if (candidate < loss + 1e-4 * step * (g1 * da + g2 * db))
                {
                    a += step * da;
                    b += step * db;
                    loss = candidate;
                    break;
                }
                step /= 2;
            }
            if (step < 1e-10) break;
        }
        return new PlattScaling(a, b);
    }

    private static double Loss(IReadOnlyList<double> scores, double[] target, double a, double b)
    {
        double loss = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var z = a * scores[i] + b;
            // -[t·log p + (1-t)·log(1-p)] with p = 1/(1+e^z), in a form stable for large |z|.
            loss += z >= 0 ? (target[i]) * z + Math.Log(1 + Math.Exp(-z)) : (target[i] - 1) * z + Math.Log(1 + Math.Exp(z));
        }
        return loss;
    }
}
