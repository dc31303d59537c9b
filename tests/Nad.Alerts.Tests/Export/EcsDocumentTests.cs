using System.Text.Json;
using Nad.Alerts.Export;

namespace Nad.Alerts.Tests.Export;

public sealed class EcsDocumentTests
{
    private static JsonElement Document(Alert alert, Func<string, string?, double?>? thresholds = null) =>
        JsonDocument.Parse(new EcsDocument(thresholds).ToUtf8(alert)).RootElement.Clone();

    [Fact]
    public void An_alert_from_traffic_carries_ECS_fields_and_nad_fields()
    {
        var alert = TrainingRows.AlertFor(3, "ecs"); // every third alert has a connection
        var doc = Document(alert, (model, version) => model == "random-forest" && version == "abc123" ? 0.4 : null);

        Assert.Equal(alert.TimeUtc, doc.GetProperty("@timestamp").GetDateTimeOffset());
        Assert.Equal("8.11.0", doc.GetProperty("ecs").GetProperty("version").GetString());
        var evt = doc.GetProperty("event");
        Assert.Equal("alert", evt.GetProperty("kind").GetString());
        Assert.Equal(["network"], evt.GetProperty("category").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(alert.Label == Labels.Attack ? 3 : 4, evt.GetProperty("severity").GetInt32());
        Assert.Equal(EcsDocument.RiskScore(alert.AttackProbability!.Value, 0.4), evt.GetProperty("risk_score").GetDouble());
        Assert.Equal("10.0.3.1", doc.GetProperty("source").GetProperty("ip").GetString());
        Assert.Equal(40003, doc.GetProperty("source").GetProperty("port").GetInt32());
        Assert.Equal("192.168.1.10", doc.GetProperty("destination").GetProperty("ip").GetString());
        Assert.Equal(80, doc.GetProperty("destination").GetProperty("port").GetInt32());
        Assert.Equal(alert.Record!.ProtocolType, doc.GetProperty("network").GetProperty("transport").GetString());
        Assert.Equal(alert.Record.Service, doc.GetProperty("network").GetProperty("protocol").GetString());
        Assert.Equal("random-forest", doc.GetProperty("rule").GetProperty("name").GetString());
        var nad = doc.GetProperty("nad");
        Assert.Equal(alert.AttackProbability!.Value, nad.GetProperty("score").GetDouble());
        Assert.Equal(0.4, nad.GetProperty("threshold").GetDouble());
        Assert.Equal(alert.RecordId, nad.GetProperty("record_id").GetString());
        Assert.Equal(alert.Label, nad.GetProperty("label").GetString());
        if (alert.Family is not null) Assert.Equal(alert.Family, nad.GetProperty("family").GetString());
    }

    [Fact]
    public void A_posted_record_has_no_endpoints_and_no_threshold_when_the_model_is_unknown()
    {
        var doc = Document(TrainingRows.AlertFor(1, "ecs"));
        Assert.False(doc.TryGetProperty("source", out _));
        Assert.False(doc.TryGetProperty("destination", out _));
        Assert.False(doc.GetProperty("nad").TryGetProperty("threshold", out _));
        Assert.True(doc.GetProperty("network").TryGetProperty("protocol", out _));
    }

    [Fact]
    public void A_record_of_another_schema_names_its_own_proto_and_service_and_its_schema()
    {
        var unsw = FlowRows.Unsw.Records[0];
        var doc = Document(TrainingRows.AlertFor(1, "ecs") with { Record = unsw });
        Assert.Equal(unsw.Categorical(0), doc.GetProperty("network").GetProperty("transport").GetString()); // proto
        Assert.Equal(unsw.Categorical(1), doc.GetProperty("network").GetProperty("protocol").GetString()); // service
        Assert.Equal("unsw-nb15", doc.GetProperty("nad").GetProperty("schema").GetString());
        Assert.False(doc.GetProperty("nad").TryGetProperty("flag", out _));

        var cic = Document(TrainingRows.AlertFor(1, "ecs") with { Record = FlowRows.Cic.Records[0] });
        Assert.False(cic.TryGetProperty("network", out _)); // CIC-IDS2017 has no categorical column
        Assert.Equal("cic-ids2017", cic.GetProperty("nad").GetProperty("schema").GetString());
    }

    [Theory]
    [InlineData(0.4, 0.4, 50)]
    [InlineData(0.8, 0.4, 100)]
    [InlineData(5.0, 0.4, 100)]
    [InlineData(0.2, 0.4, 25)]
    [InlineData(0.73, null, 73)]
    public void Risk_score_is_50_at_the_threshold_and_100_at_twice_it(double score, double? threshold, double risk) =>
        Assert.Equal(risk, EcsDocument.RiskScore(score, threshold));
}
