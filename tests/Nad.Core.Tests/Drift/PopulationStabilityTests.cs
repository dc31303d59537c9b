using Nad.Core.Drift;

namespace Nad.Core.Tests.Drift;

/// <summary>PSI, the levels and the quantile bins against values worked out by hand.</summary>
public class PopulationStabilityTests
{
    [Fact]
    public void Psi_of_a_three_to_one_split_against_half_and_half_is_the_hand_computed_value()
    {
        // a = (0.75, 0.25), e = (0.5, 0.5): 0.25 ln 1.5 + (-0.25) ln 0.5 = 0.101366 + 0.173287.
        Assert.Equal(0.274653, PopulationStability.Index([0.5, 0.5], [3, 1], 4), 6);
    }

    [Fact]
    public void An_empty_reference_bin_counts_as_epsilon_so_the_index_stays_finite()
    {
        // a = (0.9, 0.1), e = (1, 1e-4): -0.1 ln 0.9 + 0.0999 ln 1000 = 0.010536 + 0.690085.
        Assert.Equal(0.700621, PopulationStability.Index([1, 0], [9, 1], 10), 6);
    }

    [Fact]
    public void Identical_distributions_have_zero_index_and_no_records_give_zero()
    {
        Assert.Equal(0, PopulationStability.Index([0.2, 0.3, 0.5], [20, 30, 50], 100), 12);
        Assert.Equal(0, PopulationStability.Index([0.2, 0.3, 0.5], [0, 0, 0], 0));
    }

    [Theory]
    [InlineData(0.0999, DriftLevel.None)]
    [InlineData(0.1, DriftLevel.Moderate)]
    [InlineData(0.25, DriftLevel.Moderate)]
    [InlineData(0.2501, DriftLevel.Significant)]
    public void Levels_follow_the_usual_convention(double psi, DriftLevel level) => Assert.Equal(level, DriftLevels.Of(psi));

    [Fact]
    public void Quantile_edges_of_one_to_ten_in_five_bins_are_every_second_value()
    {
        double[] values = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
        var edges = QuantileEdges.From(values, 5);
        Assert.Equal([2, 4, 6, 8], edges);
        Assert.Equal([0, 0, 1, 1, 4, 4], new double[] { 1, 2, 3, 4, 9, 10 }.Select(v => QuantileEdges.BinOf(edges, v)));
    }

    [Fact]
    public void A_zero_heavy_feature_gets_a_bin_for_its_zeros_and_the_rest_share_the_other_bins()
    {
        var values = Enumerable.Repeat(0.0, 95).Concat([1, 2, 3, 4, 5]).ToArray();
        var distribution = FeatureDistribution.Numeric("hot", values, 10);
        Assert.Equal([0, 1, 2, 3, 4], distribution.Edges!);
        Assert.Equal([0.95, 0.01, 0.01, 0.01, 0.01, 0.01], distribution.Proportions);
    }

    [Fact]
    public void A_constant_feature_gets_one_bin_for_its_value_and_an_empty_one_above_it()
    {
        var distribution = FeatureDistribution.Numeric("urgent", new double[50], 10);
        Assert.Equal([0], distribution.Edges!);
        Assert.Equal([1, 0], distribution.Proportions);
        Assert.Equal(1, distribution.BinOf(3));
    }

    [Fact]
    public void Categories_are_ordered_by_frequency_with_a_last_bin_for_unseen_values()
    {
        var distribution = FeatureDistribution.Categorical("protocoltype", ["tcp", "udp", "tcp", "icmp", "tcp", "udp"]);
        Assert.Equal(["tcp", "udp", "icmp"], distribution.Categories!);
        Assert.Equal([0.5, 2 / 6.0, 1 / 6.0, 0], distribution.Proportions);
        Assert.Equal(1, distribution.BinOf("udp"));
        Assert.Equal(3, distribution.BinOf("sctp"));
    }
}
