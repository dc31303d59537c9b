using System.Net;
using System.Net.NetworkInformation;
using System.Text.Json;
using Nad.Core.Reading;
using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;

namespace Nad.Cli.Tests;

/// <summary><c>nad extract</c> and <c>nad predict --pcap/--zeek</c>, run in-process like a user would.</summary>
public class TrafficCliTests(CliData data) : IClassFixture<CliData>
{
    /// <summary>A SYN flood (200 unanswered SYNs to one port in 0.2 s), written as a real pcap.</summary>
    private string SynFlood()
    {
        var path = Path.Combine(data.Folder, $"flood{Guid.NewGuid():N}.pcap");
        using var writer = new CaptureFileWriterDevice(path);
        writer.Open(new DeviceConfiguration { LinkLayerType = LinkLayers.Ethernet });
        for (var i = 0; i < 200; i++)
        {
            var tcp = new TcpPacket((ushort)(2000 + i), 80) { Synchronize = true, SequenceNumber = (uint)i, WindowSize = 512 };
            var ip = new IPv4Packet(IPAddress.Parse($"192.0.2.{i % 250 + 1}"), IPAddress.Parse("198.51.100.7")) { PayloadPacket = tcp, TimeToLive = 64 };
            var ethernet = new EthernetPacket(PhysicalAddress.Parse("02-00-00-00-00-01"), PhysicalAddress.Parse("02-00-00-00-00-02"), EthernetType.IPv4) { PayloadPacket = ip };
            ip.UpdateCalculatedValues();
            tcp.UpdateTcpChecksum();
            ip.UpdateIPChecksum();
            writer.Write(new RawCapture(LinkLayers.Ethernet, new PosixTimeval(1_700_000_000, (ulong)(i * 1000)), ethernet.Bytes));
        }
        return path;
    }

    private static string? Shared(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        for (; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "data", "traffic", name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    [Fact]
    public void Extract_writes_the_41_features_and_the_context_columns()
    {
        var output = Path.Combine(data.Folder, "flood.csv");
        var result = CliRunner.Run("extract", "--pcap", SynFlood(), "--out", output);
        Assert.Equal(0, result.ExitCode);
        var lines = File.ReadAllLines(output);
        var header = lines[0].Split(',');
        Assert.Equal(48, header.Length);
        Assert.Equal("duration", header[0]);
        Assert.Equal("dsthostsrvrerrorrate", header[40]);
        Assert.Equal(["start_time", "src_addr", "src_port", "dst_addr", "dst_port", "not_observed", "estimated"], header[41..]);
        Assert.Equal(201, lines.Length);
        var last = lines[^1].Split(',');
        Assert.Equal(("tcp", "http", "S0"), (last[1], last[2], last[3]));
        Assert.Equal("200", last[22]); // count
        Assert.Equal("2023-11-14T22:13:20.199000Z", last[41]);
        Assert.Equal(("192.0.2.200", "2199", "198.51.100.7", "80"), (last[42], last[43], last[44], last[45]));
        Assert.Contains("hot", last[46].Split(';'));
        Assert.Contains("read 200 packets", result.StdErr);
        Assert.Contains("wrote 200 records", result.StdErr);
    }

    [Fact]
    public void Predict_on_a_capture_prints_an_alerts_table_and_flags_the_flood()
    {
        var output = Path.Combine(data.Folder, "flood-verdicts.csv");
        var result = CliRunner.Run("predict", "--model", data.ModelPath, "--pcap", SynFlood(), "--out", output);
        Assert.Equal(0, result.ExitCode);
        foreach (var column in new[] { "time (UTC)", "source", "destination", "service", "verdict", "score" })
            Assert.Contains(column, result.StdOut);
        Assert.Contains("198.51.100.7:80", result.StdOut);
        Assert.All(result.StdOut.Split('\n'), line => Assert.True(line.Length <= Nad.Cli.Output.Terminal.RedirectedWidth, line));
        Assert.Contains("200 connections scored", result.StdErr);
        var rows = File.ReadAllLines(output);
        Assert.EndsWith(",predicted,score", rows[0]);
        // The later flood records (count near 200, all S0) are neptune-like for any sane model.
        Assert.Equal("attack", rows[^1].Split(',')[^2]);
    }

    [Fact]
    public void Predict_on_a_capture_with_out_dash_writes_the_csv_to_stdout_instead_of_the_table()
    {
        var result = CliRunner.Run("predict", "--model", data.ModelPath, "--pcap", SynFlood(), "--out", "-");
        Assert.Equal(0, result.ExitCode);
        var rows = result.StdOut.TrimEnd('\n').Split('\n');
        Assert.EndsWith(",predicted,score", rows[0]);
        Assert.Equal(201, rows.Length);
        Assert.DoesNotContain("time (UTC)", result.StdOut);
        Assert.Contains("wrote 200 rows to stdout", result.StdErr);

        var both = CliRunner.Run("predict", "--model", data.ModelPath, "--pcap", SynFlood(), "--out", "-", "--json");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--out - and --json both write to stdout", both.StdErr);
    }

    [Fact]
    public void Predict_json_lists_the_alerts_with_their_context()
    {
        var result = CliRunner.Run("predict", "--model", data.ModelPath, "--pcap", SynFlood(), "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdOut);
        Assert.Equal(200, json.RootElement.GetProperty("records").GetInt64());
        var alerts = json.RootElement.GetProperty("connections").EnumerateArray().ToList();
        Assert.Equal(json.RootElement.GetProperty("attacks").GetInt64(), alerts.Count);
        Assert.NotEmpty(alerts);
        Assert.Equal("198.51.100.7", alerts[0].GetProperty("destination").GetString());
        Assert.Equal("attack", alerts[0].GetProperty("verdict").GetString());
    }

    // Issue 16 item 3: a family model names the decided family of each connection from traffic too.
    [Fact]
    public void Family_model_names_the_family_of_each_connection_from_a_capture()
    {
        var train = CliData.Lines(BundledData.Train);
        var sample = data.WriteText("family-train.csv", [train[0], .. train.Skip(1).Where((_, i) => i % 40 == 0)]); // ~3,150 rows
        var model = Path.Combine(data.Folder, "family-traffic.nadmodel");
        var trained = CliRunner.Run("train", "--model", "lightgbm", "--target", "family", "--data", sample, "--out", model);
        Assert.True(trained.ExitCode == 0, trained.StdErr);

        var capture = Path.Combine(CliData.RepoRoot, "examples", "capture.pcap");
        var all = CliRunner.Run("predict", "--model", model, "--pcap", capture, "--all", "--json");
        Assert.True(all.ExitCode == 0, all.StdErr);
        using var json = JsonDocument.Parse(all.StdOut);
        var connections = json.RootElement.GetProperty("connections").EnumerateArray().ToList();
        Assert.Equal(json.RootElement.GetProperty("records").GetInt64(), connections.Count);
        Assert.All(connections, c => Assert.Equal(c.GetProperty("verdict").GetString() == "attack", c.GetProperty("family").GetString() != "Normal"));

        var csvPath = Path.Combine(data.Folder, "family-capture.csv");
        Assert.Equal(0, CliRunner.Run("predict", "--model", model, "--pcap", capture, "--out", csvPath).ExitCode);
        var csv = File.ReadAllLines(csvPath);
        Assert.EndsWith(",predicted,score,family", csv[0]);
        Assert.Equal(connections.Select(c => c.GetProperty("family").GetString()), csv.Skip(1).Select(l => l.Split(',')[^1]));

        // A SYN flood is a DoS: its alerts say so, in JSON and in the table.
        var flood = CliRunner.Run("predict", "--model", model, "--pcap", SynFlood(), "--json");
        using var floodJson = JsonDocument.Parse(flood.StdOut);
        var alerts = floodJson.RootElement.GetProperty("connections").EnumerateArray().ToList();
        Assert.NotEmpty(alerts);
        Assert.All(alerts, a => Assert.Equal("DoS", a.GetProperty("family").GetString()));
        var table = CliRunner.Run("predict", "--model", model, "--pcap", SynFlood());
        Assert.Contains("family", table.StdOut);
        Assert.Contains("DoS", table.StdOut);

        // A normal/attack model's output has no family (no field, no column).
        var plain = CliRunner.Run("predict", "--model", data.ModelPath, "--pcap", capture, "--all", "--json");
        Assert.DoesNotContain("\"family\"", plain.StdOut);
    }

    [Fact]
    public void Inputs_are_alternatives_and_bad_files_exit_2_with_a_message()
    {
        var both = CliRunner.Run("predict", "--model", data.ModelPath, "--data", data.TestPath, "--pcap", SynFlood());
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("exactly one input", both.StdErr);
        var none = CliRunner.Run("extract", "--out", Path.Combine(data.Folder, "x.csv"));
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("--pcap <file> or --zeek", none.StdErr);

        var text = data.WriteText("fake.pcap", ["this is not a capture"]);
        var fake = CliRunner.Run("extract", "--pcap", text, "--out", Path.Combine(data.Folder, "fake.csv"));
        Assert.Equal(2, fake.ExitCode);
        Assert.Contains("fake.pcap", fake.StdErr);
        Assert.Contains("not a packet capture", fake.StdErr);
        Assert.DoesNotContain("   at ", fake.StdErr);
        Assert.False(File.Exists(Path.Combine(data.Folder, "fake.csv")));

        var capture = SynFlood();
        var wrongKind = CliRunner.Run("extract", "--zeek", capture, "--out", Path.Combine(data.Folder, "wrong.csv"));
        Assert.Equal(2, wrongKind.ExitCode);
        Assert.DoesNotContain("   at ", wrongKind.StdErr);
        var missing = CliRunner.Run("extract", "--pcap", Path.Combine(data.Folder, "nope.pcap"), "--out", Path.Combine(data.Folder, "nope.csv"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--pcap " + Path.Combine(data.Folder, "nope.pcap") + " does not exist", missing.StdErr);
    }

    [SkippableFact]
    public void Watch_on_loopback_scores_the_connections_the_test_makes()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => NadApp.RunAsync(["watch", "--interface", "lo", "--model", data.ModelPath, "--all", "--json"], stdout, stderr, stop.Token));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!stderr.ToString().Contains("watching") && !run.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(50);
        if (run.IsCompleted)
        {
            Skip.If(run.Result == 2 && stderr.ToString().Contains("CAP_NET_RAW"), "live capture not permitted here (needs root or CAP_NET_RAW)");
            Assert.Fail("watch ended early: " + stderr);
        }

        // A short exchange with a local server, and a SYN to a closed port (rejected).
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        // A port just released by the system is closed (another process is unlikely to take it at once).
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var server = Task.Run(() =>
        {
            using var accepted = listener.AcceptTcpClient();
            var buffer = new byte[100];
            accepted.GetStream().ReadExactly(buffer);
            accepted.GetStream().Write(new byte[300]);
        });
        using (var client = new System.Net.Sockets.TcpClient())
        {
            client.Connect(IPAddress.Loopback, port);
            client.GetStream().Write(new byte[100]);
            var reply = new byte[300];
            client.GetStream().ReadExactly(reply);
        }
        server.Wait();
        listener.Stop();
        try { new System.Net.Sockets.TcpClient().Connect(IPAddress.Loopback, closedPort); } catch (System.Net.Sockets.SocketException) { }
        Thread.Sleep(1500);
        stop.Cancel(); // the remaining connections are flushed when watching stops
        Assert.Equal(0, run.Result);

        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var exchange = Assert.Single(lines, l => l.GetProperty("destinationPort").GetInt32() == port);
        Assert.Equal("tcp", exchange.GetProperty("protocol").GetString());
        Assert.Contains(exchange.GetProperty("flag").GetString(), new[] { "SF", "S2", "S3", "RSTO", "RSTR" });
        var rejected = Assert.Single(lines, l => l.GetProperty("destinationPort").GetInt32() == closedPort);
        Assert.Equal("REJ", rejected.GetProperty("flag").GetString());
        Assert.Contains("connections scored", stderr.ToString());
    }

    [SkippableFact]
    public void Predict_on_the_shared_zeek_log_scores_every_ipv4_and_ipv6_row()
    {
        var log = Shared("zeek-sample.conn.log");
        Skip.If(log is null, "shared/data/traffic not found beside the repository: sample check skipped.");
        var result = CliRunner.Run("predict", "--model", data.ModelPath, "--zeek", log!, "--all", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdOut);
        Assert.Equal(232, json.RootElement.GetProperty("records").GetInt64()); // 233 rows; the one MLDv2 (ICMPv6 143) row is link control
        Assert.Equal(232, json.RootElement.GetProperty("connections").GetArrayLength());
        Assert.Contains("1 rows skipped: ICMPv6 neighbour discovery / multicast listener (link control)", result.StdErr);
    }
}
