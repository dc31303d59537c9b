using System.Buffers;
using System.Text;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Tests.Schemas;
using Nad.Core.Wire;

namespace Nad.Core.Tests.Wire;

/// <summary>A record of another schema written as JSON (its own column names, then its missing indicators) reads back whole.</summary>
public class SchemaRecordJsonTests
{
    public static TheoryData<string> Samples => ["unsw", "cic"];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_row_of_a_real_sample_round_trips_through_the_writer_and_the_reader(string sample)
    {
        var (schema, path) = sample == "unsw" ? (BuiltInSchemas.UnswNb15, FlowSamples.Unsw) : (BuiltInSchemas.CicIds2017, FlowSamples.CicTrafficLabelling);
        var records = RecordReader.ReadFile(schema, path).Records;
        var json = "[" + string.Join(",", records.Select(r => RecordJsonWriter.ToJson(r))) + "]";

        var errors = new FieldErrors(10);
        var parsed = SchemaRecordJsonReader.Parse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), schema, records.Count, errors);

        Assert.True(parsed is not null, string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key} {string.Join(", ", e.Value)}")));
        Assert.Equal(records.Count, parsed.Records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            Assert.Equal(records[i].Numeric, parsed.Records[i].Numeric);
            Assert.Equal(Enumerable.Range(0, records[i].CategoricalCount).Select(records[i].Categorical),
                Enumerable.Range(0, parsed.Records[i].CategoricalCount).Select(parsed.Records[i].Categorical));
        }
        if (sample == "cic") // the sample has Infinity cells and -1 "absent" windows: some indicators are set
            Assert.Contains(records, r => r.Numeric.Skip(schema.NumericColumns.Count).Any(v => v == 1));
    }

    [Fact]
    public void A_missing_indicator_that_is_not_0_or_1_is_named()
    {
        var schema = BuiltInSchemas.CicIds2017;
        var record = RecordReader.ReadFile(schema, FlowSamples.CicTrafficLabelling).Records[0];
        var indicator = schema.IndicatorColumns[0].IndicatorName;
        var written = RecordJsonWriter.ToJson(record);
        Assert.Contains($"\"{indicator}\":0", written);
        var json = written.Replace($"\"{indicator}\":0", $"\"{indicator}\":\"yes\"");
        var errors = new FieldErrors(10);

        Assert.Null(SchemaRecordJsonReader.Parse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), schema, 1, errors));
        Assert.Contains(indicator, errors.ToDictionary().Keys);
    }
}
