using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Training;

namespace Nad.Core.Tests.Schemas;

/// <summary>Reading without connection fields (training never shows them) and the fingerprint of several files.</summary>
public class ManyFilesReadingTests
{
    [Fact]
    public void Without_connection_fields_the_records_and_labels_are_the_same()
    {
        var kept = RecordReader.ReadFile(BuiltInSchemas.CicIds2017, FlowSamples.CicTrafficLabelling);
        var dropped = RecordReader.ReadFile(BuiltInSchemas.CicIds2017, FlowSamples.CicTrafficLabelling, new ReadOptions { KeepConnectionFields = false });
        Assert.NotNull(kept.ConnectionFields);
        Assert.Contains("Source IP", kept.ConnectionFieldNames);
        Assert.Null(dropped.ConnectionFields);
        Assert.Empty(dropped.ConnectionFieldNames);
        Assert.Equal(kept.Count, dropped.Count);
        for (var i = 0; i < kept.Count; i++)
        {
            Assert.Equal(kept.Records[i].Numeric, dropped.Records[i].Numeric);
            Assert.Equal(kept.Labels![i], dropped.Labels![i]);
            Assert.Equal(kept.LineNumbers[i], dropped.LineNumbers[i]);
        }
    }

    [Fact]
    public void Several_files_fingerprint_by_their_names_and_contents_in_order()
    {
        var a = FlowSamples.CicImproved("Heartbleed_11.csv");
        var b = FlowSamples.CicImproved("Infiltration_36.csv");
        var both = DataFingerprint.Of([a, b], 47);
        Assert.Equal(both, DataFingerprint.Of([a, b], 47));
        Assert.NotEqual(both.Sha256, DataFingerprint.Of([b, a], 47).Sha256);
        Assert.NotEqual(both.Sha256, DataFingerprint.Of(a, 11).Sha256);
        Assert.Equal("Heartbleed_11.csv.gz and 1 more files", both.Name);
        Assert.Equal(DataFingerprint.Of(a, 11), DataFingerprint.Of([a], 11));
    }
}
