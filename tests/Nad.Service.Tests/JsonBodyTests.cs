using System.Text;
using Nad.Core.Wire;
using Nad.Service.Bench;
using Nad.Service.Http;

namespace Nad.Service.Tests;

/// <summary>A body that reaches the service in many pipe segments parses exactly like one buffer.</summary>
[Collection(ServiceCollection.Name)]
public sealed class JsonBodyTests(TrainedModel model)
{
    private static byte[] Batch(IEnumerable<string> records) => Encoding.UTF8.GetBytes("[" + string.Join(",", records) + "]");

    [Fact]
    public void Records_split_across_segments_parse_like_one_buffer()
    {
        var records = model.Unseen.Take(300).Select(r => r.Record).ToList();
        var body = Batch(records.Select(RecordJsonWriter.ToJson));
        var parsed = JsonBody.Parse(BufferSegment.Split(body, 4096), 10_000, new FieldErrors(10));
        Assert.NotNull(parsed);
        Assert.True(parsed.IsBatch);
        Assert.Equal(records.Select(r => string.Join(",", r.ToFields())), parsed.Records.Select(r => string.Join(",", r.ToFields())));
    }

    [Fact]
    public void A_bad_field_in_a_later_segment_is_named_with_its_record_index()
    {
        var json = model.Unseen.Take(200).Select(r => RecordJsonWriter.ToJson(r.Record)).ToArray();
        json[150] = json[150].Replace("\"srcbytes\":", "\"srcbytes\":-5,\"ignored\":");
        var errors = new FieldErrors(10);
        Assert.Null(JsonBody.Parse(BufferSegment.Split(Batch(json), 1000), 10_000, errors));
        var listed = errors.ToDictionary();
        Assert.Equal(["is -5; expected a number that is zero or more"], listed["[150].srcbytes"]);
        Assert.Contains("[150].ignored", listed.Keys);
    }
}
