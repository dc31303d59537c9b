using Nad.Core.Exploration;
using Nad.Core.Exploration.Statistics;
using Nad.Core.Records;

namespace Nad.Core.Tests.Exploration;

/// <summary>The exploration report on real slices of KDDTrain+ and KDDTest+.</summary>
public sealed class DatasetExplorerTests
{
    private static readonly Lazy<(ConnectionDataset Train, ConnectionDataset Test, ExplorationReport Report)> Explored = new(() =>
    {
        var train = TestData.EveryKth(TestData.Train, 4000);
        var test = TestData.EveryKth(TestData.TestPlus, 2000);
        return (train, test, DatasetExplorer.Explore(train, test));
    });

    private static ExplorationReport Report => Explored.Value.Report;

    [Fact]
    public void Overview_finds_the_constant_column()
    {
        var overview = Report.Overview;
        Assert.Equal(4000, overview.Rows);
        Assert.Equal(43, overview.Columns);
        var constant = Assert.Single(overview.ConstantColumns, c => c.Name == "numoutboundcmds");
        Assert.Equal("0", constant.Value);
        Assert.Contains(overview.Findings, f => f.StartsWith("numoutboundcmds is constant", StringComparison.Ordinal));
        Assert.Equal(41, overview.ColumnDetails.Count);
        Assert.Equal(3, overview.ColumnDetails.Single(c => c.Name == "protocoltype").DistinctValues);
        Assert.True(Report.NumericFeatures.Single(f => f.Name == "numoutboundcmds").IsConstant);
        Assert.DoesNotContain("numoutboundcmds", Report.Correlations.Features);
    }

    [Fact]
    public void Class_balance_adds_up_to_the_rows()
    {
        var balance = Report.Balance!;
        Assert.Equal(4000, balance.NormalVsAttack.Sum(c => c.Count));
        Assert.Equal(4000, balance.ByFamily.Sum(c => c.Count));
        Assert.Equal(4000, balance.ByAttackName.Sum(c => c.Count));
        Assert.Equal(Explored.Value.Train.Labels!.Count(l => l.IsAttack), balance.NormalVsAttack.Single(c => c.Name == "attack").Count);
        Assert.Equal("neptune", balance.ByAttackName.First(c => c.Name != "normal").Name);
        Assert.Equal(1.0, balance.ByFamily.Sum(c => c.Share), 9);
    }

    [Fact]
    public void Feature_summaries_match_a_direct_computation()
    {
        var train = Explored.Value.Train;
        var srcbytes = Report.NumericFeatures.Single(f => f.Name == "srcbytes");
        var normalValues = Enumerable.Range(0, train.Count).Where(i => !train.Labels![i].IsAttack).Select(i => train.Records[i]["srcbytes"]).ToArray();
        Assert.Equal(normalValues.Average(), srcbytes.ByClass["normal"].Mean, 9);
        Assert.Equal(normalValues.Max(), srcbytes.ByClass["normal"].Max);
        Assert.True(srcbytes.Histogram.LogScale);
        Assert.Equal(normalValues.Length, srcbytes.Histogram.Counts["normal"].Sum());
        var loggedin = Report.NumericFeatures.Single(f => f.Name == "loggedin");
        Assert.False(loggedin.Histogram.LogScale);
        Assert.Equal(2, loggedin.Histogram.Counts["attack"].Count);
        Assert.Equal(4000, Report.CategoricalFeatures.Single(c => c.Name == "protocoltype").Values.Sum(v => v.Total));
    }

    [Fact]
    public void Correlations_are_symmetric_with_the_known_strong_pair_on_top()
    {
        var c = Report.Correlations;
        var i = c.Features.ToList().IndexOf("serrorrate");
        var j = c.Features.ToList().IndexOf("srvserrorrate");
        Assert.Equal(c.Spearman[i][j], c.Spearman[j][i]);
        Assert.Equal(1.0, c.Pearson[i][i], 12);
        Assert.True(c.Pearson[i][j] > 0.9, $"serrorrate ~ srvserrorrate: {c.Pearson[i][j]}");
        Assert.Equal(DatasetExplorer.TopPairs, c.TopPairs.Count);
        Assert.True(Math.Abs(c.TopPairs[0].Pearson) > 0.9 || Math.Abs(c.TopPairs[0].Spearman) > 0.9);
    }

    [Fact]
    public void Tests_cover_every_feature_and_the_analyst_hypotheses_with_BH_adjustment()
    {
        var tests = Report.Tests;
        Assert.Equal(3, tests.Count(t => t.Category == "categorical feature vs label"));
        // Every numeric feature that varies in the slice, with Mann-Whitney and Kolmogorov-Smirnov.
        var varying = Report.NumericFeatures.Where(f => !f.IsConstant).Select(f => f.Name).ToArray();
        Assert.InRange(varying.Length, 30, 37);
        Assert.Equal(2 * varying.Length, tests.Count(t => t.Category == "numeric feature, normal vs attack"));
        Assert.Equal(varying, tests.Where(t => t.Id.StartsWith("ks-", StringComparison.Ordinal)).Select(t => t.Feature));
        Assert.Equal(tests.Count, tests.Select(t => t.Id).Distinct().Count());
        foreach (var t in tests)
        {
            Assert.InRange(t.PValue, 0, 1);
            Assert.InRange(t.AdjustedPValue, t.PValue, 1);
            Assert.False(string.IsNullOrWhiteSpace(t.NullHypothesis));
            Assert.False(string.IsNullOrWhiteSpace(t.Conclusion));
            Assert.Equal(t.AdjustedPValue < ExplorationReport.Alpha, t.Significant);
        }
        var adjusted = BenjaminiHochberg.Adjust(tests.Select(t => t.PValue).ToArray());
        Assert.Equal(adjusted, tests.Select(t => t.AdjustedPValue).ToArray());

        var syn = tests.Single(t => t.Id == "h-dos-syn-errors");
        Assert.True(syn.Significant);
        Assert.True(syn.EffectSize > 0.5, $"DoS SYN errors effect {syn.EffectSize}");
        Assert.StartsWith("Supported", syn.Conclusion, StringComparison.Ordinal);
        foreach (var id in new[] { "h-attacks-shorter", "h-r2l-failed-logins", "h-loggedin-family", "h-protocol-family", "h-bytes-differ", "h-probe-rej-errors" })
            Assert.Contains(tests, t => t.Id == id);
        var protocol = tests.Single(t => t.Id == "h-protocol-family");
        Assert.Equal("Chi-square test of independence", protocol.Test);
        Assert.True(protocol.EffectSize > 0.3, $"protocol vs family Cramer's V {protocol.EffectSize}");
    }

    [Fact]
    public void A_test_in_the_report_equals_running_the_test_directly()
    {
        var train = Explored.Value.Train;
        double[] Values(bool attack) => Enumerable.Range(0, train.Count).Where(i => train.Labels![i].IsAttack == attack).Select(i => train.Records[i]["count"]).ToArray();
        var direct = MannWhitneyTest.Run(Values(true), Values(false));
        var inReport = Report.Tests.Single(t => t.Id == "mw-count");
        Assert.Equal(direct.U, inReport.Statistic);
        Assert.Equal(direct.PValue, inReport.PValue);
        Assert.Equal(direct.RankBiserial, inReport.EffectSize);
    }

    [Fact]
    public void Comparison_names_attacks_only_in_the_test_file()
    {
        var comparison = Report.Comparison!;
        Assert.Equal(2000, comparison.CompareRows);
        Assert.Equal(41, comparison.Features.Count);
        Assert.Contains(comparison.AttackNamesOnlyInCompare, c => c.Name is "mscan" or "apache2" or "processtable");
        Assert.DoesNotContain(comparison.AttackNamesOnlyInCompare, c => c.Name == "neptune");
        Assert.InRange(comparison.UnseenAttackShare, 0.05, 0.4);
        // R2L is under 1 % of KDDTrain+ and over 10 % of KDDTest+.
        Assert.Contains(comparison.Findings, f => f.StartsWith("The family mix changes", StringComparison.Ordinal) && f.Contains("R2L"));
        Assert.All(comparison.Features, f => Assert.True(f.Psi >= 0));
        Assert.Equal(comparison.Features.OrderByDescending(f => f.Psi).Select(f => f.Feature), comparison.Features.Select(f => f.Feature));
        Assert.True(double.IsNaN(comparison.Features.Single(f => f.Feature == "service").KsD));
        Assert.InRange(comparison.Features.Single(f => f.Feature == "srcbytes").KsD, 0, 1);
    }

    [Fact]
    public void Unlabelled_data_gets_an_overview_without_tests()
    {
        var train = Explored.Value.Train;
        var unlabelled = new ConnectionDataset("unlabelled", train.Records.Take(500).ToArray());
        var report = DatasetExplorer.Explore(unlabelled);
        Assert.Null(report.Balance);
        Assert.Empty(report.Tests);
        Assert.Equal(500, report.Overview.Rows);
        Assert.Contains(report.Overview.ConstantColumns, c => c.Name == "numoutboundcmds");
    }
}
