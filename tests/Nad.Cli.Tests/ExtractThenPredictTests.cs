namespace Nad.Cli.Tests;

/// <summary>Issue 16 item 2: <c>nad extract</c>'s 48-column CSV goes straight into <c>nad predict --data</c>, its connection columns carried through.</summary>
public class ExtractThenPredictTests(CliData data) : IClassFixture<CliData>
{
    [Fact]
    public void Extracted_rows_are_scored_with_their_start_time_addresses_ports_and_not_observed()
    {
        var capture = Path.Combine(CliData.RepoRoot, "examples", "capture.pcap");
        var extracted = Path.Combine(data.Folder, "extracted.csv");
        var extract = CliRunner.Run("extract", "--pcap", capture, "--out", extracted);
        Assert.Equal(0, extract.ExitCode);
        var extractedLines = File.ReadAllLines(extracted);
        Assert.Equal(48, extractedLines[0].Split(',').Length);

        var predict = CliRunner.Run("predict", "--model", data.ModelPath, "--data", extracted);
        Assert.Equal(0, predict.ExitCode);
        var lines = predict.StdOut.TrimEnd('\n').Split('\n');
        Assert.Equal("row,line,predicted,score,unknown_category,start_time,src_addr,src_port,dst_addr,dst_port,not_observed,estimated", lines[0]);
        Assert.Equal(extractedLines.Length, lines.Length);
        for (var i = 1; i < lines.Length; i++)
        {
            // The connection columns come out exactly as extract wrote them.
            var scored = lines[i].Split(',');
            Assert.Equal(extractedLines[i].Split(',')[41..], scored[5..]);
            Assert.Contains(scored[2], new[] { "attack", "normal" });
        }

        var json = CliRunner.Run("predict", "--model", data.ModelPath, "--data", extracted, "--json");
        var first = System.Text.Json.JsonDocument.Parse(json.StdOut.Split('\n')[0]).RootElement;
        Assert.Equal(extractedLines[1].Split(',')[42], first.GetProperty("connection").GetProperty("src_addr").GetString());
    }
}
