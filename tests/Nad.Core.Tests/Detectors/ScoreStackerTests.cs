using System.Text.Json;
using Nad.Core.Ensembles;

namespace Nad.Core.Tests.Detectors;

/// <summary>The hybrid's two-input logistic stacker against scikit-learn (Fixtures/make_stacker_fixture.py).</summary>
public sealed class ScoreStackerTests
{
    [Fact]
    public void Fit_matches_scikit_learn_unpenalized_logistic_regression()
    {
        using var fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "stacker_fixture.json")));
        var root = fixture.RootElement;
        var x1 = root.GetProperty("x1").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var x2 = root.GetProperty("x2").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var truth = root.GetProperty("truth").EnumerateArray().Select(e => e.GetBoolean()).ToArray();

        var stacker = ScoreStacker.Fit(x1, x2, truth);

        Assert.Equal(root.GetProperty("bias").GetDouble(), stacker.Bias, 5);
        Assert.Equal(root.GetProperty("weight1").GetDouble(), stacker.Weight1, 5);
        Assert.Equal(root.GetProperty("weight2").GetDouble(), stacker.Weight2, 5);
    }

    [Fact]
    public void Probability_is_finite_far_out_and_one_class_is_refused()
    {
        var stacker = new ScoreStacker(0, 100, 100);
        Assert.Equal(1.0, stacker.Probability(10, 10), 12);
        Assert.Equal(0.0, stacker.Probability(-10, -10), 12);
        Assert.Throws<ArgumentException>(() => ScoreStacker.Fit([1, 2], [1, 2], [true, true]));
    }
}
