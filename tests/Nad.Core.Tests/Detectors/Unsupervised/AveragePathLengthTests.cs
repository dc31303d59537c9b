using Nad.Core.Detectors.Unsupervised;
using Nad.Core.Tests.Fixtures;

namespace Nad.Core.Tests.Detectors.Unsupervised;

public class AveragePathLengthTests
{
    [Fact]
    public void Small_cases_are_exact()
    {
        Assert.Equal(0, AveragePathLength.Of(0));
        Assert.Equal(0, AveragePathLength.Of(1));
        Assert.Equal(1, AveragePathLength.Of(2));
        Assert.Equal(5.0 / 3, AveragePathLength.Of(3), 15);
        Assert.Equal(13.0 / 6, AveragePathLength.Of(4), 15);
    }

    [Fact]
    public void Matches_the_digamma_form_computed_with_scipy()
    {
        var rows = Fixture.ReadNumbers("average_path_length.csv");
        Assert.True(rows.Length >= 10);
        foreach (var row in rows)
        {
            var (n, expected) = ((long)row[0], row[1]);
            Assert.True(Math.Abs(AveragePathLength.Of(n) - expected) <= 1e-12 * Math.Max(1, expected),
                $"c({n}) = {AveragePathLength.Of(n):R}, scipy says {expected:R}");
        }
    }

    [Fact]
    public void Harmonic_numbers_are_continuous_where_the_exact_sum_hands_over_to_the_series()
    {
        var exact = Enumerable.Range(1, 1025).Sum(i => 1.0 / i);
        Assert.Equal(exact, AveragePathLength.HarmonicNumber(1025), 12);
        Assert.True(AveragePathLength.HarmonicNumber(1025) > AveragePathLength.HarmonicNumber(1024));
    }
}
