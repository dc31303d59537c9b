using System.Text;
using Nad.Core.Reading;
using Nad.Core.Records;

namespace Nad.Core.Tests.Schemas;

/// <summary>The generic reader on the real flow samples, and each dirt case (real where the samples have it, synthetic rows beside them).</summary>
public class RecordReaderTests
{
    private readonly string _folder = TestData.TempFolder();

    [Fact]
    public void Reads_the_unsw_nb15_sample_with_its_bom_families_and_id_left_out()
    {
        var data = RecordReader.ReadFile(BuiltInSchemas.UnswNb15, FlowSamples.Unsw, null, out var summary);
        Assert.Equal(4528, data.Count);
        Assert.Equal(1, summary.DirtCount(DirtKind.ByteOrderMark));
        var labels = data.RequireLabels();
        Assert.Equal(243, labels.Count(l => !l.IsAttack));
        Assert.Equal(1800, labels.Count(l => l.FamilyName == "Exploits"));
        Assert.Equal(3, data.Records[0].CategoricalCount);
        Assert.Equal("udp", data.Records[0].Categorical(0));
        Assert.Equal("-", data.Records[0].Categorical(1));
        Assert.Equal(39, data.Records[0].Numeric.Length); // 42 features, 3 categorical, no missing indicators
        Assert.Equal(0.000011, data.Records[0].Numeric[0]); // dur of id 1
        Assert.Equal(2L, data.LineNumbers[0]);
    }

    [Fact]
    public void Reads_the_trafficlabelling_layout_trimming_names_keeping_the_first_duplicate_and_flagging_infinity()
    {
        var path = FlowSamples.CicTrafficLabelling;
        var data = RecordReader.ReadFile(BuiltInSchemas.CicIds2017, path, null, out var summary);
        Assert.Equal(299, data.Count);
        Assert.All(data.RequireLabels(), l => Assert.False(l.IsAttack));
        Assert.True(summary.DirtCount(DirtKind.TrimmedHeaderName) > 50);
        Assert.Equal(1, summary.DirtCount(DirtKind.DuplicateColumn));
        Assert.Contains("Fwd Header Length", summary.DirtFirstSeen[DirtKind.DuplicateColumn]);
        Assert.Equal(["Flow ID", "Source IP", "Source Port", "Destination IP", "Protocol", "Timestamp"], data.ConnectionFieldNames);
        Assert.Equal("192.168.10.5-104.16.207.165-54865-443-6", data.ConnectionFields![0][0]);

        // The one Infinity in Flow Bytes/s: a large finite value and its indicator, never 0.
        var schema = BuiltInSchemas.CicIds2017;
        var bytesPerSecond = schema.NumericFeatureNames.ToList().IndexOf("Flow Bytes/s");
        var indicator = schema.NumericFeatureNames.ToList().IndexOf("Flow Bytes/s (missing)");
        var infinityLine = FlowSamples.ReadLines(path).Select((l, i) => (l, i)).First(p => p.l.Contains("Infinity")).i + 1;
        var row = data.LineNumbers.ToList().IndexOf(infinityLine);
        Assert.True(summary.DirtCount(DirtKind.Infinity) >= 1);
        Assert.Equal(DirtPolicy.MissingValue, data.Records[row].Numeric[bytesPerSecond]);
        Assert.Equal(1, data.Records[row].Numeric[indicator]);
        Assert.Equal(0, data.Records[row == 0 ? 1 : 0].Numeric[indicator]);
        Assert.All(data.Records, r => Assert.All(r.Numeric, v => Assert.True(double.IsFinite(v))));
    }

    [Fact]
    public void Init_win_bytes_minus_one_is_absent_and_flagged()
    {
        var data = RecordReader.ReadFile(BuiltInSchemas.CicIds2017, FlowSamples.CicTrafficLabelling, null, out var summary);
        var names = BuiltInSchemas.CicIds2017.NumericFeatureNames.ToList();
        var value = names.IndexOf("Init_Win_bytes_backward");
        var indicator = names.IndexOf("Init_Win_bytes_backward (missing)");
        var absent = data.Records.Where(r => r.Numeric[value] == -1).ToArray();
        Assert.NotEmpty(absent);
        Assert.All(absent, r => Assert.Equal(1, r.Numeric[indicator]));
        Assert.All(data.Records.Where(r => r.Numeric[value] >= 0), r => Assert.Equal(0, r.Numeric[indicator]));
        Assert.True(summary.DirtCount(DirtKind.AbsentValue) >= absent.Length);
    }

    [Fact]
    public void Reads_the_machine_learning_cve_layout_without_connection_fields()
    {
        var path = TestData.WriteText(_folder, "mlcve.csv", FlowSamples.MachineLearningCveLines(20));
        var data = RecordReader.ReadFile(BuiltInSchemas.CicIds2017, path, null, out _);
        Assert.Equal(20, data.Count);
        Assert.Empty(data.ConnectionFieldNames);
        Assert.Null(data.ConnectionFields);
        Assert.Equal(54865, data.Records[0].Numeric[0]); // Destination Port stays a feature
    }

    [Fact]
    public void Reads_several_improved_files_as_one_data_set_with_schema_families()
    {
        var files = new[] { FlowSamples.CicImproved("BENIGN_2500.csv"), FlowSamples.CicImproved("Web_Attack_-_XSS_18.csv") };
        var data = RecordReader.ReadFiles(BuiltInSchemas.CicIds2017Improved, files, null, out var summary);
        Assert.Equal(2518, data.Count);
        Assert.Equal(2518, summary.RowsRead);
        Assert.Equal(files, data.Files);
        Assert.Equal(18, data.FileIndices!.Count(i => i == 1));
        var attacks = data.RequireLabels().Where(l => l.IsAttack).ToArray();
        Assert.Equal(18, attacks.Length);
        Assert.All(attacks, l => Assert.Equal("Web Attack", l.FamilyName));
        Assert.Equal("192.168.10.5", data.ConnectionFields![0][1]); // Src IP
    }

    [Fact]
    public void Latin1_dash_in_a_label_is_decoded_and_counted()
    {
        var path = Path.Combine(_folder, "latin1.csv");
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes("a,b,Label\n1,x,BENIGN\n2,y,Web Attack "));
        bytes.Add(0x96);
        bytes.AddRange(Encoding.UTF8.GetBytes(" Brute Force\n"));
        File.WriteAllBytes(path, [.. bytes]);
        var data = RecordReader.ReadFile(Small(), path, null, out var summary);
        Assert.Equal("Web Attack - Brute Force", data.RequireLabels()[1].Name);
        Assert.Equal("Web", data.RequireLabels()[1].FamilyName);
        Assert.Equal(1, summary.DirtCount(DirtKind.Latin1Bytes));
    }

    [Fact]
    public void Repeated_header_rows_and_trailing_empty_rows_are_skipped_and_counted()
    {
        var path = TestData.WriteText(_folder, "dirty.csv", ["a, b,Label", "1,x,BENIGN", "a, b,Label", "2,y,DoS", ",,", ",,"]);
        var data = RecordReader.ReadFile(Small(), path, null, out var summary);
        Assert.Equal(2, data.Count);
        Assert.Equal([2L, 4], data.LineNumbers);
        Assert.Equal(1, summary.DirtCount(DirtKind.RepeatedHeaderRow));
        Assert.Equal(2, summary.DirtCount(DirtKind.EmptyRow));
        Assert.Equal(1, summary.DirtCount(DirtKind.TrimmedHeaderName));
        Assert.Contains(summary.DescribeDirt(), l => l.StartsWith("repeated header rows: 1 (skipped; first at"));
    }

    [Fact]
    public void Nan_and_empty_cells_become_the_large_value_with_the_indicator_where_the_schema_allows_them()
    {
        var path = TestData.WriteText(_folder, "nan.csv", ["a,b,Label", "NaN,x,BENIGN", ",y,BENIGN", "-Infinity,z,BENIGN", "3,z,BENIGN"]);
        var data = RecordReader.ReadFile(Small(), path, null, out var summary);
        Assert.Equal([DirtPolicy.MissingValue, 1], data.Records[0].Numeric);
        Assert.Equal([DirtPolicy.MissingValue, 1], data.Records[1].Numeric);
        Assert.Equal([-DirtPolicy.MissingValue, 1], data.Records[2].Numeric);
        Assert.Equal([3.0, 0], data.Records[3].Numeric);
        Assert.Equal(1, summary.DirtCount(DirtKind.NotANumber));
        Assert.Equal(1, summary.DirtCount(DirtKind.EmptyNumber));
        Assert.Equal(1, summary.DirtCount(DirtKind.Infinity));
    }

    [Fact]
    public void Infinity_where_the_schema_allows_no_missing_values_is_an_error_naming_line_column_and_value()
    {
        var schema = new RecordSchema("strict", [SchemaColumn.Numeric("a"), SchemaColumn.Categorical("b")], new LabelSpec("Label", ["BENIGN"]));
        var path = TestData.WriteText(_folder, "inf.csv", ["a,b,Label", "1,x,BENIGN", "Infinity,y,BENIGN"]);
        var error = Assert.Throws<DataFormatException>(() => RecordReader.ReadFile(schema, path)).Errors.Single();
        Assert.Equal(3, error.Line);
        Assert.Equal(1, error.Column);
        Assert.Equal("a", error.ColumnName);
        Assert.Equal("Infinity", error.Value);
    }

    [Fact]
    public void A_file_that_does_not_fit_the_schema_names_every_missing_and_extra_column()
    {
        var path = TestData.WriteText(_folder, "other.csv", ["a,c,d,Label", "1,2,3,BENIGN"]);
        var error = Assert.Throws<DataFormatException>(() => RecordReader.ReadFile(Small(), path)).Errors.Single();
        Assert.Contains("missing 1 column(s) of schema 'small' ('b')", error.Problem);
        Assert.Contains("does not know ('c', 'd')", error.Problem);
    }

    [Fact]
    public void Nsl_kdd_schema_reads_through_the_specialised_reader_unchanged()
    {
        var lines = TestData.RawLines(BundledData.TestPlus, 50);
        var path = TestData.WriteText(_folder, "nsl.csv", lines);
        var generic = RecordReader.ReadFile(BuiltInSchemas.NslKdd, path);
        var direct = NslKddReader.ReadFile(path);
        Assert.Equal(direct.Records.Select(r => string.Join(',', r.ToFields())), generic.Records.Select(r => string.Join(',', r.ToFields())));
        Assert.Equal(direct.Labels, generic.Labels);
        Assert.Same(BuiltInSchemas.NslKdd, generic.Schema);
    }

    // Two features, the numeric one may be missing; one label mapped to a family, the rest are their own family.
    private static RecordSchema Small() => new(
        "small",
        [SchemaColumn.Numeric("a") with { Missing = true }, SchemaColumn.Categorical("b")],
        new LabelSpec("Label", ["BENIGN"]) { Families = new Dictionary<string, string> { ["Web Attack - Brute Force"] = "Web" } });
}
