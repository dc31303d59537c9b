using Nad.Core.Evaluation;
using Nad.Core.Reading;
using Nad.Core.Records;

namespace Nad.Core.Tests.Schemas;

public class SplitTests
{
    [Fact]
    public void Exact_duplicates_of_the_cic_sample_are_removed_and_counted()
    {
        var data = RecordReader.ReadFile(BuiltInSchemas.CicIds2017, FlowSamples.CicTrafficLabelling);
        // Independently: rows whose features and label, written out, were seen before.
        var expected = data.Count - data.Records.Select((r, i) => string.Join('|', r.Numeric.Select(v => v.ToString("R"))) + data.Labels![i].Name)
            .Distinct().Count();
        var result = Deduplication.RemoveExactDuplicates(data);
        Assert.Equal(expected, result.Removed);
        Assert.Equal(data.Count - expected, result.Data.Count);
        Assert.Equal(0, Deduplication.RemoveExactDuplicates(result.Data).Removed);
    }

    [Fact]
    public void Duplicates_differ_by_label_or_category_are_kept()
    {
        var schema = new RecordSchema("s", [SchemaColumn.Categorical("p"), SchemaColumn.Numeric("x")], new LabelSpec("Label", ["BENIGN"]));
        var records = new[] { ("tcp", 1.0), ("tcp", 1.0), ("udp", 1.0), ("tcp", 1.0), ("tcp", 2.0) }
            .Select(p => new ConnectionRecord(schema, [p.Item1], [p.Item2])).ToArray();
        var labels = new[] { "BENIGN", "BENIGN", "BENIGN", "DoS", "BENIGN" }.Select(l => schema.Label!.Parse(l)).ToArray();
        var result = Deduplication.RemoveExactDuplicates(new ConnectionDataset("d", records, labels) { Schema = schema });
        Assert.Equal(1, result.Removed);
        Assert.Equal([1L, 3, 4, 5], result.Data.LineNumbers);
    }

    [Fact]
    public void Files_split_train_and_test_along_their_boundaries()
    {
        var files = new[] { FlowSamples.CicImproved("BENIGN_2500.csv"), FlowSamples.CicImproved("DDoS_2500.csv"), FlowSamples.CicImproved("Heartbleed_11.csv") };
        var data = RecordReader.ReadFiles(BuiltInSchemas.CicIds2017Improved, files, null, out _);
        var split = FileSplit.ByFiles(data, ["Heartbleed_11.csv.gz"]);
        Assert.Equal(11, split.Test.Count);
        Assert.Equal(5000, split.Train.Count);
        Assert.All(split.Test.RequireLabels(), l => Assert.Equal("Heartbleed", l.FamilyName));
        Assert.Contains("is not one of the files read", Assert.Throws<ArgumentException>(() => FileSplit.ByFiles(data, ["Monday.csv"])).Message);
        Assert.Equal("Heartbleed_11.csv.gz (test file)", split.Test.Source);
    }

    [Theory]
    [InlineData("Heartbleed_11.csv", 11)]      // without .gz
    [InlineData("Heartbleed_11", 11)]          // without .csv.gz
    [InlineData("Heart*", 11)]                 // a pattern
    [InlineData("*_2500.csv", 5000)]           // a pattern matching two files
    public void Test_files_are_named_with_or_without_gz_or_by_pattern(string name, int testRows)
    {
        var files = new[] { FlowSamples.CicImproved("BENIGN_2500.csv"), FlowSamples.CicImproved("DDoS_2500.csv"), FlowSamples.CicImproved("Heartbleed_11.csv") };
        var data = RecordReader.ReadFiles(BuiltInSchemas.CicIds2017Improved, files, null, out _);
        var split = FileSplit.ByFiles(data, [name]);
        Assert.Equal(testRows, split.Test.Count);
        Assert.Equal(data.Count - testRows, split.Train.Count);
        Assert.Contains("Every file is a test file", Assert.Throws<ArgumentException>(() => FileSplit.ByFiles(data, [name, "*"])).Message);
    }
}
