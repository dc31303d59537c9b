using System.Text.Json;
using Nad.Core.Exploration.Statistics;

namespace Nad.Core.Tests.Exploration;

/// <summary>
/// Every statistic and p-value against scipy/numpy on small fixed inputs
/// (Fixtures/make_scipy_fixture.py wrote Fixtures/scipy_fixture.json).
/// </summary>
public sealed class ScipyFixtureTests
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Exploration", "Fixtures", "scipy_fixture.json"))).RootElement;

    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static IEnumerable<JsonElement> Cases(string name) => Fixture.GetProperty(name).EnumerateArray();

    /// <summary>Relative tolerance, with an absolute floor for values near zero.</summary>
    private static void Close(double expected, double actual, double relative = 1e-9, double absolute = 1e-12, string? what = null)
    {
        var tolerance = Math.Max(absolute, relative * Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (tolerance {tolerance:R})");
    }

    [Fact]
    public void MannWhitneyMatchesScipyAsymptotic()
    {
        var count = 0;
        foreach (var c in Cases("mann_whitney"))
        {
            var alternative = c.GetProperty("alternative").GetString() switch
            {
                "less" => Alternative.Less,
                "greater" => Alternative.Greater,
                _ => Alternative.TwoSided,
            };
            var result = MannWhitneyTest.Run(Doubles(c.GetProperty("x")), Doubles(c.GetProperty("y")), alternative);
            Close(c.GetProperty("u").GetDouble(), result.U, what: $"U case {count}");
            Close(c.GetProperty("p").GetDouble(), result.PValue, what: $"p case {count}");
            Close(c.GetProperty("rank_biserial").GetDouble(), result.RankBiserial, what: $"r case {count}");
            count++;
        }
        Assert.Equal(15, count);
    }

    [Fact]
    public void KolmogorovSmirnovMatchesScipy()
    {
        var exact = 0;
        var asymptotic = 0;
        foreach (var c in Cases("kolmogorov_smirnov"))
        {
            var result = KolmogorovSmirnovTest.Run(Doubles(c.GetProperty("x")), Doubles(c.GetProperty("y")));
            Close(c.GetProperty("d").GetDouble(), result.D, what: "D");
            Assert.Equal(c.GetProperty("exact").GetBoolean(), result.Exact);
            // exact: scipy ks_2samp(method="exact"); large: scipy kstwobign.sf(sqrt(en) D)
            Close(c.GetProperty("p").GetDouble(), result.PValue, relative: 1e-8, what: $"p (exact={result.Exact})");
            // and the large-sample limit stays near scipy's own asymptotic p-value
            Close(c.GetProperty("p_scipy").GetDouble(), result.PValue, relative: 0.05, what: "p vs scipy asymp");
            if (result.Exact) exact++; else asymptotic++;
        }
        Assert.Equal(5, exact);
        Assert.Equal(2, asymptotic);
    }

    [Fact]
    public void ChiSquareIndependenceMatchesScipy()
    {
        foreach (var c in Cases("chi_square"))
        {
            var rows = c.GetProperty("table").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();
            var table = new long[rows.Length, rows[0].Length];
            for (var i = 0; i < rows.Length; i++)
                for (var j = 0; j < rows[0].Length; j++)
                    table[i, j] = rows[i][j];
            var result = ChiSquareTest.Independence(table);
            Close(c.GetProperty("statistic").GetDouble(), result.Statistic, what: "chi2");
            Assert.Equal(c.GetProperty("dof").GetInt32(), result.DegreesOfFreedom);
            Close(c.GetProperty("p").GetDouble(), result.PValue, relative: 1e-8, absolute: 1e-300, what: "p");
            Close(c.GetProperty("cramers_v").GetDouble(), result.CramersV, what: "Cramer's V");
        }
    }

    [Fact]
    public void BenjaminiHochbergMatchesReference()
    {
        foreach (var c in Cases("benjamini_hochberg"))
        {
            var expected = Doubles(c.GetProperty("adjusted"));
            var actual = BenjaminiHochberg.Adjust(Doubles(c.GetProperty("p")));
            for (var i = 0; i < expected.Length; i++) Close(expected[i], actual[i], what: $"adjusted[{i}]");
        }
    }

    [Fact]
    public void PearsonAndSpearmanMatchScipy()
    {
        foreach (var c in Cases("correlation"))
        {
            var x = Doubles(c.GetProperty("x"));
            var y = Doubles(c.GetProperty("y"));
            Close(c.GetProperty("pearson").GetDouble(), Correlation.Pearson(x, y), what: "pearson");
            Close(c.GetProperty("spearman").GetDouble(), Correlation.Spearman(x, y), what: "spearman");
            var matrix = Correlation.SpearmanMatrix([x, y]);
            Close(c.GetProperty("spearman").GetDouble(), matrix[0, 1], what: "spearman matrix");
        }
    }

    [Fact]
    public void DescriptiveMatchesNumpy()
    {
        foreach (var c in Cases("descriptive"))
        {
            var d = Descriptive.Of(Doubles(c.GetProperty("values")));
            Close(c.GetProperty("mean").GetDouble(), d.Mean, what: "mean");
            Close(c.GetProperty("std").GetDouble(), d.StdDev, what: "std");
            Close(c.GetProperty("min").GetDouble(), d.Min, what: "min");
            Close(c.GetProperty("q1").GetDouble(), d.Q1, what: "q1");
            Close(c.GetProperty("median").GetDouble(), d.Median, what: "median");
            Close(c.GetProperty("q3").GetDouble(), d.Q3, what: "q3");
            Close(c.GetProperty("max").GetDouble(), d.Max, what: "max");
        }
    }

    [Fact]
    public void PopulationStabilityMatchesNumpyDefinition()
    {
        foreach (var c in Cases("population_stability"))
            Close(c.GetProperty("psi").GetDouble(), PopulationStability.Numeric(Doubles(c.GetProperty("base")), Doubles(c.GetProperty("other"))), what: "psi");
    }

    [Fact]
    public void IdenticalSamplesGiveNoEvidence()
    {
        double[] same = [1, 2, 2, 3];
        Assert.Equal(1.0, KolmogorovSmirnovTest.Run(same, same).PValue);
        Assert.Equal(0.0, KolmogorovSmirnovTest.Run(same, same).D);
        var constant = MannWhitneyTest.Run([0, 0, 0], [0, 0]);
        Assert.Equal(1.0, constant.PValue);
        Assert.Equal(0.0, constant.RankBiserial);
    }
}
