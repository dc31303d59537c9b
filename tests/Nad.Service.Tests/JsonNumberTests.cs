using System.Text.Json;
using Nad.Service.Http;

namespace Nad.Service.Tests;

public class JsonNumberTests
{
    private sealed record Metrics(double Accuracy, double RocAuc);

    [Fact]
    public void Undefined_metrics_are_sent_as_null_so_that_any_json_parser_reads_the_answer()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ServiceJson.Configure(options);
        var json = JsonSerializer.Serialize(new Metrics(0.95, double.NaN), options);
        Assert.Equal("""{"accuracy":0.95,"rocAuc":null}""", json);
        using var parsed = JsonDocument.Parse(json); // the literal NaN would throw here, as in a browser
        var back = JsonSerializer.Deserialize<Metrics>(json, options)!;
        Assert.Equal(0.95, back.Accuracy);
        Assert.True(double.IsNaN(back.RocAuc));
    }
}
