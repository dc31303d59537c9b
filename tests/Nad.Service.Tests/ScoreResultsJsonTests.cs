using System.Buffers;
using System.Text;
using System.Text.Json;
using Nad.Service.Scoring;

namespace Nad.Service.Tests;

/// <summary>The hand-written answer writer must give exactly what the service's serializer options give.</summary>
public sealed class ScoreResultsJsonTests
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        NadService.ConfigureJson(options);
        return options;
    }

    private static string Written<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer, value);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static readonly ModelRef Model = new("random-forest", "5664878165a4");

    public static TheoryData<SupervisedResult> SupervisedCases => new()
    {
        new SupervisedResult(Labels.Attack, 0.99977, 0.9632, null, Model, null),
        new SupervisedResult(Labels.Normal, 1e-7, 0.5, "DoS", Model, ["service", "flag"]),
        new SupervisedResult(Labels.Normal, double.NaN, double.PositiveInfinity, null, new ModelRef("a \"quoted\" <name>", "v"), []),
    };

    [Theory]
    [MemberData(nameof(SupervisedCases))]
    public void Supervised_results_match_the_serializer(SupervisedResult result) =>
        Assert.Equal(JsonSerializer.Serialize(result, Options), Written(result, ScoreResultsJson.Write));

    [Fact]
    public void Unsupervised_and_detect_results_match_the_serializer()
    {
        var unsupervised = new UnsupervisedResult(0.7123456789, true, 0.62, new ModelRef("isolation-forest", "abc"), ["service"]);
        Assert.Equal(JsonSerializer.Serialize(unsupervised, Options), Written(unsupervised, ScoreResultsJson.Write));
        var supervised = new SupervisedResult(Labels.Attack, 0.9, 0.5, null, Model, null);
        foreach (var detect in new[]
                 {
                     new DetectResult(Labels.Attack, ["supervised", "unsupervised"], supervised, unsupervised),
                     new DetectResult(Labels.Normal, [], supervised with { Label = Labels.Normal }, null),
                 })
            Assert.Equal(JsonSerializer.Serialize(detect, Options), Written(detect, ScoreResultsJson.Write));
    }
}
