using Nad.Core.Records;

namespace Nad.Alerts.Tests;

public sealed class SuppressionRuleTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_765_000_000_000);

    // Row 0 has a connection 10.0.0.1:40000 -> 192.168.1.10:80 (TrainingRows.AlertFor).
    private static readonly Alert WithConnection = TrainingRows.AlertFor(0, "rules");
    private static readonly Alert WithoutConnection = TrainingRows.AlertFor(1, "rules");

    private static SuppressionRule Rule(string? host = null, string? cidr = null, int? port = null, string? service = null, string? model = null,
        DateTimeOffset? expires = null) => new(1, host, cidr, port, service, model, expires, Now, "test", null);

    [Fact]
    public void Every_criterion_given_must_match()
    {
        var service = WithConnection.Record!.Service;
        Assert.True(Rule(host: "192.168.1.10").Matches(WithConnection, Now));
        Assert.True(Rule(host: "10.0.0.1", port: 80, service: service, model: "random-forest").Matches(WithConnection, Now));
        Assert.False(Rule(host: "10.0.0.1", port: 81).Matches(WithConnection, Now));
        Assert.False(Rule(host: "10.0.0.2").Matches(WithConnection, Now));
        Assert.False(Rule(service: service + "x").Matches(WithConnection, Now));
        Assert.False(Rule(model: "knn").Matches(WithConnection, Now));
        Assert.True(Rule(service: WithoutConnection.Record!.Service).Matches(WithoutConnection, Now));
        Assert.False(Rule(host: "10.0.0.1").Matches(WithoutConnection, Now)); // no connection, so no host to match
        Assert.False(Rule().Matches(WithConnection, Now)); // a rule with no criterion suppresses nothing
    }

    [Fact]
    public void A_service_rule_matches_another_schemas_own_service_column_and_never_a_schema_without_one()
    {
        var unsw = FlowRows.Unsw.Records.First(r => r.Categorical(1) != "-"); // proto, service, state
        var alert = WithoutConnection with { Record = unsw };
        Assert.True(Rule(service: unsw.Categorical(1)).Matches(alert, Now));
        Assert.False(Rule(service: unsw.Categorical(0)).Matches(alert, Now)); // its proto is not its service
        var cic = WithoutConnection with { Record = FlowRows.Cic.Records[0] };
        Assert.False(Rule(service: "").Matches(cic, Now));
        Assert.True(Rule(model: "random-forest").Matches(cic, Now));
    }

    [Theory]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("10.0.0.0/24", true)]
    [InlineData("192.168.1.0/24", true)]
    [InlineData("10.1.0.0/16", false)]
    [InlineData("0.0.0.0/0", true)]
    [InlineData("2001:db8::/32", false)]
    public void A_cidr_block_matches_either_end(string cidr, bool matches)
    {
        Assert.True(AddressRange.TryParse(cidr, out _));
        Assert.Equal(matches, Rule(cidr: cidr).Matches(WithConnection, Now));
    }

    [Theory]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/33")]
    [InlineData("host/8")]
    [InlineData("2001:db8::/129")]
    public void A_bad_cidr_does_not_parse(string cidr) => Assert.False(AddressRange.TryParse(cidr, out _));

    [Fact]
    public void An_expired_rule_stops_applying() =>
        Assert.Equal([true, false], new[] { Now.AddSeconds(-1), Now.AddSeconds(1) }.Select(now => Rule(port: 80, expires: Now).Matches(WithConnection, now)));
}
