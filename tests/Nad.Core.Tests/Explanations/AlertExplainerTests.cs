using Nad.Core.Detectors;
using Nad.Core.Explanations;
using Nad.Core.Records;
using Nad.Core.Training;
using Xunit.Abstractions;

namespace Nad.Core.Tests.Explanations;

/// <summary>Per-alert explanations of the small shared random forest on real KDDTest+ rows.</summary>
public class AlertExplainerTests(SmallForest forest, ITestOutputHelper output) : IClassFixture<SmallForest>
{
    private static readonly string[] SynErrorColumns = ["flag", "serrorrate", "srvserrorrate", "dsthostserrorrate", "dsthostsrvserrorrate"];
    private static readonly string[] RejErrorColumns = ["rerrorrate", "srvrerrorrate", "dsthostrerrorrate", "dsthostsrvrerrorrate"];

    private AlertExplanation Explain(ConnectionRecord record, ExplanationOptions? options = null)
    {
        var explanation = AlertExplainer.For(forest.Detector, options).Explain(record);
        output.WriteLine($"score {explanation.Score:0.####} threshold {explanation.Threshold:0.####} total {explanation.TotalContribution:0.####}");
        foreach (var c in explanation.Contributions) output.WriteLine($"  {c.Feature} = {c.Value} (typical {c.Baseline}): {c.Contribution:+0.####;-0.####}");
        output.WriteLine(explanation.Counterfactual?.Sentence ?? "(no counterfactual)");
        return explanation;
    }

    private static ConnectionRecord TestRow(Func<ConnectionRecord, AttackLabel, bool> match)
    {
        var test = TestData.TestPlus;
        var labels = test.RequireLabels();
        for (var i = 0; i < test.Count; i++)
            if (match(test.Records[i], labels[i])) return test.Records[i];
        throw new InvalidOperationException("no such row in KDDTest+");
    }

    private static ConnectionRecord SynFlood =>
        TestRow((r, l) => l.Name == "neptune" && r.Service == "private" && r.Flag == "S0" && r["serrorrate"] == 1);

    [Fact]
    public void A_syn_flood_is_explained_with_its_syn_errors_pushing_towards_attack()
    {
        var explanation = Explain(SynFlood);
        Assert.True(explanation.IsAttack);
        Assert.Null(explanation.Unavailable);
        Assert.Equal(5, explanation.Contributions.Count);
        // Ranked by size; each contribution is exactly the score lost when that feature is typical.
        Assert.True(explanation.Contributions.Zip(explanation.Contributions.Skip(1)).All(p => Math.Abs(p.First.Contribution) >= Math.Abs(p.Second.Contribution)));
        var first = explanation.Contributions[0];
        Assert.Equal(NslKddSchema.Get(first.Feature is "SYN error rates" or "REJ error rates" ? first.Columns[0].Column : first.Feature).Description,
            first.Columns[0].Description);
        Assert.Equal(explanation.Score - first.ScoreAtBaseline, first.Contribution, 12);
        // Which single feature this forest leans on most changes with its training (no payload, or the
        // flag); the SYN-error evidence must push towards attack, never away from it.
        var all = Explain(SynFlood, new ExplanationOptions { Top = 40 });
        Assert.Contains(all.Contributions, c => c.Contribution > 0 && c.Columns.Any(f => SynErrorColumns.Contains(f.Column)));
    }

    [Fact]
    public void A_rejected_port_scan_has_its_rej_errors_or_flag_pushing_towards_attack()
    {
        var scan = TestRow((r, l) => l.IsAttack && r.Flag == "REJ" && r["rerrorrate"] == 1 && r["dsthostrerrorrate"] == 1);
        var explanation = Explain(scan, new ExplanationOptions { Top = 40 });
        Assert.True(explanation.IsAttack);
        Assert.Contains(explanation.Contributions, c => c.Contribution > 0 && c.Columns.Any(f => RejErrorColumns.Contains(f.Column) || f.Column == "flag"));
    }

    [Fact]
    public void The_counterfactual_features_set_to_baseline_really_score_under_the_threshold()
    {
        var record = SynFlood;
        var counterfactual = Explain(record).Counterfactual!;
        Assert.True(counterfactual.Found, counterfactual.Sentence);

        var baseline = forest.Detector.Baseline!;
        var typical = baseline.Apply(record, counterfactual.Changes.Select(c => NslKddSchema.Get(c.Column)));
        Assert.InRange(counterfactual.Features.Count, 1, counterfactual.MaxFeatures);
        var score = forest.Detector.Score(typical);
        Assert.Equal(counterfactual.ScoreAfter, score, 12);
        Assert.True(score < forest.Detector.Threshold);
        // Smallest greedy set: without its last feature the score is still at or over the threshold.
        var allButLast = ExplainedFeature.All.Where(f => counterfactual.Features.SkipLast(1).Contains(f.Name)).SelectMany(f => f.Columns);
        var shorter = baseline.Apply(record, allButLast);
        Assert.True(forest.Detector.Score(shorter) >= forest.Detector.Threshold);
        Assert.Contains("would have looked normal", counterfactual.Sentence);
        Assert.Contains(counterfactual.Features[0], counterfactual.Sentence);
    }

    [Fact]
    public void Error_rates_are_explained_as_one_group()
    {
        var flood = SynFlood;
        var explanation = Explain(flood, new ExplanationOptions { Top = 40 });
        var syn = Assert.Single(explanation.Contributions, c => c.Feature == "SYN error rates");
        Assert.Equal(["serrorrate", "srvserrorrate", "dsthostserrorrate", "dsthostsrvserrorrate"], syn.Columns.Select(c => c.Column));
        Assert.Equal(NslKddSchema.Get("serrorrate").Description, syn.Columns[0].Description);
        Assert.Equal("1", syn.Columns[0].Value);
        Assert.Equal("0", syn.Columns[0].Baseline);
        Assert.DoesNotContain(explanation.Contributions, c => c.Feature == "serrorrate");
        // Together the four rates at baseline give exactly the score the contribution reports.
        var typical = forest.Detector.Baseline!.Apply(flood, syn.Columns.Select(c => NslKddSchema.Get(c.Column)));
        Assert.Equal(syn.ScoreAtBaseline, forest.Detector.Score(typical), 12);
    }

    [Fact]
    public void When_no_small_set_is_enough_it_says_so_and_gives_the_closest()
    {
        // The same forest with a threshold no copy can get under: the search must stop at its limit.
        var strict = new ThresholdDetector(forest.Detector, 1e-9);
        var counterfactual = new AlertExplainer(strict, forest.Detector.Baseline, new ExplanationOptions { MaxCounterfactualFeatures = 2 })
            .Explain(SynFlood).Counterfactual!;
        Assert.False(counterfactual.Found);
        Assert.Equal(2, counterfactual.Features.Count);
        Assert.StartsWith("No set of up to 2 features", counterfactual.Sentence);
        // Greedy: the first feature is the one whose typical value alone lowers the score most.
        var top = Explain(SynFlood, new ExplanationOptions { Top = 40 }).Contributions.MaxBy(c => c.Contribution)!;
        Assert.Equal(top.Feature, counterfactual.Features[0]);
        Assert.True(counterfactual.ScoreAfter >= strict.Threshold);
    }

    [Fact]
    public void An_alert_already_typical_in_every_feature_has_no_counterfactual()
    {
        // Every column at its baseline value and a threshold it cannot get under: nothing to change.
        var baseline = forest.Detector.Baseline!;
        var typical = baseline.Apply(SynFlood, ExplainedFeature.All.SelectMany(f => f.Columns));
        var explanation = new AlertExplainer(new ThresholdDetector(forest.Detector, 0), baseline).Explain(typical);
        Assert.True(explanation.IsAttack);
        Assert.Empty(explanation.Contributions);
        Assert.Equal(0, explanation.TotalContribution);
        var counterfactual = explanation.Counterfactual!;
        Assert.False(counterfactual.Found);
        Assert.Empty(counterfactual.Features);
        Assert.True(double.IsNaN(counterfactual.ScoreAfter));
        Assert.StartsWith("Every feature already has its typical value", counterfactual.Sentence);
    }

    [Fact]
    public void A_normal_row_has_a_small_total_contribution()
    {
        var normal = TestRow((r, l) => !l.IsAttack && r.Service == "http" && r.Flag == "SF");
        var explanation = Explain(normal);
        Assert.False(explanation.IsAttack);
        Assert.InRange(Math.Abs(explanation.TotalContribution), 0, 0.1);
        Assert.True(explanation.Counterfactual!.Found);
        Assert.Empty(explanation.Counterfactual.Changes);
    }

    [Fact]
    public void Contributions_of_a_normal_row_come_from_one_batch_call()
    {
        var counting = new CountingDetector(forest.Detector);
        var normal = TestRow((r, l) => !l.IsAttack && r.Service == "http" && r.Flag == "SF");
        var explanation = new AlertExplainer(counting, forest.Detector.Baseline).Explain(normal);
        Assert.False(explanation.IsAttack);
        Assert.Equal(1, counting.Calls);
        // The attack's counterfactual needs one more batch per feature beyond the first.
        counting.Calls = 0;
        var attack = new AlertExplainer(counting, forest.Detector.Baseline).Explain(SynFlood);
        Assert.Equal(attack.Counterfactual!.Features.Count, counting.Calls);
    }

    [Fact]
    public void Without_a_baseline_it_says_so_plainly()
    {
        var explanation = new AlertExplainer(forest.Detector, null).Explain(SynFlood);
        Assert.Equal(NormalBaseline.MissingMessage, explanation.Unavailable);
        Assert.Empty(explanation.Contributions);
        Assert.Null(explanation.Counterfactual);
        Assert.True(explanation.IsAttack);
    }

    [Fact]
    public void Options_out_of_range_are_refused_with_their_name()
    {
        var error = Assert.Throws<ArgumentException>(() => new AlertExplainer(forest.Detector, forest.Detector.Baseline, new ExplanationOptions { Top = 0 }));
        Assert.Contains("top", error.Message);
    }

    private sealed class ThresholdDetector(IDetector inner, double threshold) : IDetector
    {
        public string Name => inner.Name;
        public double Threshold => threshold;
        public double[] Score(IReadOnlyList<ConnectionRecord> records) => inner.Score(records);
    }

    private sealed class CountingDetector(IDetector inner) : IDetector
    {
        public int Calls { get; set; }
        public string Name => inner.Name;
        public double Threshold => inner.Threshold;

        public double[] Score(IReadOnlyList<ConnectionRecord> records)
        {
            Calls++;
            return inner.Score(records);
        }
    }
}
