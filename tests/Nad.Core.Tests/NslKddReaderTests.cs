using Nad.Core.Reading;
using Nad.Core.Records;

namespace Nad.Core.Tests;

public class NslKddReaderTests
{
    private readonly string _folder = TestData.TempFolder();
    // A header and five real KDDTest+ rows, as they are on disk.
    private readonly string[] _lines = TestData.RawLines(BundledData.TestPlus, 6);
    private string Header => _lines[0];
    private string[] Rows => _lines[1..];

    [Fact]
    public void Reads_header_and_labels()
    {
        var data = NslKddReader.ReadFile(TestData.WriteText(_folder, "a.csv", _lines), null, out var summary);
        Assert.True(summary.HadHeader);
        Assert.Equal(5, data.Count);
        Assert.Equal([2L, 3, 4, 5, 6], data.LineNumbers);
        var first = data.Records[0];
        Assert.Equal("tcp", first.ProtocolType);
        Assert.Equal("private", first.Service);
        Assert.Equal("REJ", first.Flag);
        Assert.Equal(229, first["count"]);
        Assert.Equal(1.0, first["dsthostsrvrerrorrate"]);
        Assert.Equal("neptune", data.RequireLabels()[0].Name);
        Assert.Equal(AttackFamily.DoS, data.RequireLabels()[0].Family);
        Assert.Equal(21, data.Difficulties![0]);
    }

    [Fact]
    public void Reads_the_same_without_header_and_gzipped_under_any_name()
    {
        var plain = NslKddReader.ReadFile(TestData.WriteText(_folder, "a.csv", _lines));
        var headerless = NslKddReader.ReadFile(TestData.WriteText(_folder, "b.csv", Rows), null, out var summary);
        var gzipped = NslKddReader.ReadFile(TestData.WriteGzip(_folder, "c.data", Rows));
        Assert.False(summary.HadHeader);
        foreach (var other in new[] { headerless, gzipped })
        {
            Assert.Equal(plain.Count, other.Count);
            for (var i = 0; i < plain.Count; i++)
            {
                Assert.Equal(plain.Records[i].Numeric, other.Records[i].Numeric);
                Assert.Equal(plain.Records[i].Service, other.Records[i].Service);
                Assert.Equal(plain.RequireLabels()[i], other.RequireLabels()[i]);
            }
        }
    }

    [Fact]
    public void Accepts_41_42_and_43_columns()
    {
        var features = Rows.Select(r => string.Join(',', r.Split(',')[..41]));
        var withLabel = Rows.Select(r => string.Join(',', r.Split(',')[..42]));
        var unlabeled = NslKddReader.ReadFile(TestData.WriteText(_folder, "41.csv", features));
        var labeled = NslKddReader.ReadFile(TestData.WriteText(_folder, "42.csv", withLabel));
        Assert.False(unlabeled.HasLabels);
        Assert.True(labeled.HasLabels);
        Assert.Null(labeled.Difficulties);
        Assert.Equal(5, unlabeled.Count);
    }

    [Fact]
    public void Kdd99_labels_with_a_trailing_dot_mean_the_same()
    {
        var dotted = Rows.Select(r =>
        {
            var f = r.Split(',');
            f[41] += ".";
            return string.Join(',', f[..42]);
        });
        var data = NslKddReader.ReadFile(TestData.WriteText(_folder, "kdd99.csv", dotted));
        Assert.Equal("neptune", data.RequireLabels()[0].Name);
        Assert.Equal(AttackFamily.DoS, data.RequireLabels()[0].Family);
        Assert.Contains(data.RequireLabels(), l => l.Name == "normal" && !l.IsAttack);
    }

    [Fact]
    public void Non_number_names_file_line_column_and_field()
    {
        var rows = Rows.ToArray();
        rows[2] = Replace(rows[2], 4, "abc");
        var path = TestData.WriteText(_folder, "bad.csv", [Header, .. rows]);
        var error = Assert.Throws<DataFormatException>(() => NslKddReader.ReadFile(path));
        var e = Assert.Single(error.Errors);
        Assert.Equal((path, 4L, 5, "srcbytes", "abc"), (e.File, e.Line, e.Column, e.ColumnName, e.Value));
        Assert.Contains("line 4, column 5 (srcbytes): 'abc' is not a number", error.Message);
        Assert.Contains("1 bad row(s):", error.Message);
        Assert.DoesNotContain("--", error.Message); // Core names no command-line option; the CLI adds its hint
    }

    [Theory]
    [InlineData(24, "1.5", "serrorrate", "rate from 0 to 1")]
    [InlineData(0, "-3", "duration", "zero or more")]
    [InlineData(6, "2", "land", "0 or 1")]
    [InlineData(4, "NaN", "srcbytes", "finite")]
    [InlineData(1, "17", "protocoltype", "not a name")]
    public void Out_of_range_values_are_named(int column, string value, string name, string expected)
    {
        var rows = Rows.ToArray();
        rows[0] = Replace(rows[0], column, value);
        var error = Assert.Throws<DataFormatException>(() => NslKddReader.ReadFile(TestData.WriteText(_folder, "bad.csv", rows)));
        var e = Assert.Single(error.Errors);
        Assert.Equal(name, e.ColumnName);
        Assert.Equal(1, e.Line);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Wrong_column_count_is_reported_with_the_counts()
    {
        var shortRow = string.Join(',', Rows[1].Split(',')[..40]);
        var error = Assert.Throws<DataFormatException>(() =>
            NslKddReader.ReadFile(TestData.WriteText(_folder, "short.csv", [Rows[0], shortRow])));
        Assert.Contains("line 2: has 40 columns; expected 43", error.Message);

        var firstShort = Assert.Throws<DataFormatException>(() =>
            NslKddReader.ReadFile(TestData.WriteText(_folder, "short1.csv", [shortRow])));
        Assert.Contains("has 40 columns; expected 41 features", firstShort.Message);
    }

    [Fact]
    public void Stops_listing_at_ten_bad_rows()
    {
        var bad = Replace(Rows[0], 4, "x");
        var error = Assert.Throws<DataFormatException>(() =>
            NslKddReader.ReadFile(TestData.WriteText(_folder, "many.csv", Enumerable.Repeat(bad, 25))));
        Assert.Equal(10, error.Errors.Count);
        Assert.Contains("first 10 bad rows", error.Message);
    }

    [Fact]
    public void Skip_bad_rows_skips_and_counts()
    {
        var rows = Rows.ToArray();
        rows[1] = Replace(rows[1], 4, "x");
        rows[3] = string.Join(',', rows[3].Split(',')[..30]);
        var data = NslKddReader.ReadFile(TestData.WriteText(_folder, "skip.csv", [Header, .. rows]),
            new ReadOptions { SkipBadRows = true }, out var summary);
        Assert.Equal(3, data.Count);
        Assert.Equal(2, summary.BadRowsSkipped);
        Assert.Equal([2L, 4, 6], data.LineNumbers);
        Assert.Equal(2, summary.SkippedExamples.Count);
    }

    [Fact]
    public void Empty_missing_header_only_and_binary_files_are_refused_clearly()
    {
        var empty = TestData.WriteText(_folder, "empty.csv", []);
        Assert.Contains("is empty", Assert.Throws<DataFormatException>(() => NslKddReader.ReadFile(empty)).Message);

        var missing = Path.Combine(_folder, "nope.csv");
        Assert.Contains("does not exist", Assert.Throws<DataFormatException>(() => NslKddReader.ReadFile(missing)).Message);

        var headerOnly = TestData.WriteText(_folder, "header.csv", [Header]);
        Assert.Contains("no data rows", Assert.Throws<DataFormatException>(() => NslKddReader.ReadFile(headerOnly)).Message);

        var binary = Path.Combine(_folder, "binary.csv");
        File.WriteAllBytes(binary, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);
        Assert.Contains("binary file", Assert.Throws<DataFormatException>(() => NslKddReader.ReadFile(binary)).Message);

        var brokenGzip = Path.Combine(_folder, "broken.csv.gz");
        var gz = File.ReadAllBytes(TestData.WriteGzip(_folder, "ok.csv.gz", _lines));
        File.WriteAllBytes(brokenGzip, gz[..(gz.Length / 2)]);
        var truncated = Assert.Throws<DataFormatException>(() => NslKddReader.ReadFile(brokenGzip));
        Assert.Contains(brokenGzip, truncated.Message);
    }

    [Theory]
    [InlineData("{\"duration\":0,\"protocoltype\":\"tcp\"}")]
    [InlineData("[{\"duration\":0},", "  {\"duration\":1}]")]
    [InlineData("", "   {", "  \"duration\": 0")]
    public void A_json_file_is_named_as_json_not_as_a_column_count(params string[] lines)
    {
        var path = TestData.WriteText(_folder, $"records{Guid.NewGuid():N}.json", lines);
        var error = Assert.Throws<DataFormatException>(() => NslKddReader.ReadFile(path));
        Assert.Contains($"{path}, line {Array.FindIndex(lines, l => l.Trim().Length > 0) + 1}: looks like JSON, not CSV", error.Message);
        Assert.DoesNotContain("columns", error.Message);
    }

    [Fact]
    public void Wrong_header_name_is_named()
    {
        var header = Header.Replace("srcbytes", "src_bytes");
        var error = Assert.Throws<DataFormatException>(() => NslKddReader.ReadFile(TestData.WriteText(_folder, "h.csv", [header, .. Rows])));
        Assert.Contains("column 5 (srcbytes): 'src_bytes' is not the expected header name", error.Message);
    }

    [Fact]
    public void Unmapped_attack_name_is_family_unknown_not_a_crash()
    {
        var rows = Rows.ToArray();
        rows[0] = Replace(rows[0], 41, "quantum_hack");
        var data = NslKddReader.ReadFile(TestData.WriteText(_folder, "u.csv", rows));
        Assert.Equal(new AttackLabel("quantum_hack", AttackFamily.Unknown), data.RequireLabels()[0]);
        Assert.True(data.RequireLabels()[0].IsAttack);
    }

    [Fact]
    public void Require_labels_refuses_unlabelled_files()
    {
        var features = Rows.Select(r => string.Join(',', r.Split(',')[..41]));
        var error = Assert.Throws<DataFormatException>(() =>
            NslKddReader.ReadFile(TestData.WriteText(_folder, "nolabel.csv", features), new ReadOptions { RequireLabels = true }, out _));
        Assert.Contains("no 'attack' column", error.Message);
    }

    [Fact]
    public void Streaming_yields_rows_in_order_without_reading_all()
    {
        using var stream = File.OpenRead(BundledData.Train);
        var first = NslKddReader.ReadRows(stream, "train").Take(3).ToArray();
        Assert.Equal([2L, 3, 4], first.Select(r => r.Line));
        Assert.Equal("ftp_data", first[0].Record.Service);
    }

    private static string Replace(string row, int column, string value)
    {
        var fields = row.Split(',');
        fields[column] = value;
        return string.Join(',', fields);
    }
}
