using System.CommandLine;
using System.Diagnostics;
using Nad.Alerts;
using Nad.Cli.Output;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Streaming.Connecting;
using Nad.Streaming.Messages;
using Nad.Streaming.Publishing;
using Nad.Traffic.Extraction;
using Nad.Traffic.Windows;
using Spectre.Console;

namespace Nad.Cli.Commands;

/// <summary>
/// <c>nad publish</c>: records from a file, a capture, a conn.log or a live interface onto a NATS JetStream stream
/// for <c>nad worker</c>s to score (docs/scaling.md). Record ids of a file are <c>sensor/file-sha256-12/position</c>, so
/// publishing the same file again is recognised as a duplicate and scored once. A live capture (<c>--interface</c>)
/// publishes through the same <see cref="LivePublisher"/> as <c>nad watch --publish-to</c>, ids
/// <c>sensor/live-&lt;random&gt;/position</c>.
/// </summary>
internal static class PublishCommand
{
    public static Command Create(Terminal terminal)
    {
        var nats = new Option<string>("--nats")
        {
            Description = "NATS server URL (several comma-separated for a cluster), e.g. nats://127.0.0.1:4222.",
            Required = true,
        };
        var subject = new Option<string>("--subject")
        {
            Description = "Subject to publish on: nad.records.<sensor> (one subject a sensor or host keeps its records in order).",
            Required = true,
        };
        var data = CommonOptions.DataFile("Connection records (NSL-KDD CSV, .csv.gz; a label column is ignored).");
        data.Required = false; // one input of four: --data, --pcap, --zeek or --interface (checked below)
        var traffic = new TrafficOptions();
        var stream = new Option<string>("--stream")
        {
            Description = "JetStream stream that holds records; created when missing.",
            DefaultValueFactory = _ => StreamNames.DefaultStream,
        };
        var replicas = new Option<int>("--replicas")
        {
            Description = "Copies of the stream when it is created (3 on a 3-node cluster survives one node).",
            DefaultValueFactory = _ => 1,
        };
        var device = new Option<string?>("--interface", "-i")
        {
            Description = "Capture live on this interface (e.g. eth0, lo) and publish each connection as it finishes. Needs root or CAP_NET_RAW.",
        };
        var duration = new Option<double?>("--duration") { Description = "With --interface: stop after this many seconds (default: until Ctrl+C)." };
        var count = new Option<long?>("--count") { Description = "With --interface: stop after this many records." };
        var command = new Command("publish", "Publish connection records to a NATS JetStream stream for nad worker to score (see docs/scaling.md).")
        {
            nats, subject, data, device, duration, count, stream, replicas,
        };
        foreach (var option in traffic.All) command.Options.Add(option);
        command.SetAction(async (parse, token) =>
        {
            var subjectName = parse.GetValue(subject)!;
            var sensor = StreamNames.SensorOf(subjectName, "--subject");
            var dataFile = parse.GetValue(data);
            var interfaceName = parse.GetValue(device);
            if ((dataFile is null ? 0 : 1) + (traffic.IsGiven(parse) ? 1 : 0) + (interfaceName is null ? 0 : 1) != 1)
                throw new ArgumentException("Give exactly one input: --data <file>, --pcap <file>, --zeek <conn.log> or --interface <name>.");
            var replicaCount = parse.GetValue(replicas);
            if (replicaCount is < 1 or > 5) throw new ArgumentException($"--replicas must be 1 to 5 (got {replicaCount}).");
            var streams = new RecordStreams.Settings(parse.GetValue(stream)!, replicaCount);
            if (interfaceName is not null)
                return await PublishLiveAsync(terminal, parse.GetValue(nats)!, interfaceName, parse.GetValue(traffic.HostWindow), parse.GetValue(duration), parse.GetValue(count),
                    subjectName, sensor, streams, token);
            if (parse.GetValue(duration) is not null || parse.GetValue(count) is not null)
                throw new ArgumentException("--duration and --count apply to a live capture (--interface) only.");

            var path = dataFile?.FullName ?? (parse.GetValue(traffic.Pcap) ?? parse.GetValue(traffic.Zeek))!.FullName;
            var key = RecordIds.FileKey(path);
            var records = dataFile is not null ? FromData(path) : FromTraffic(traffic, parse);

            await using var connection = await NatsEndpoint.ConnectAsync(parse.GetValue(nats)!, $"nad-publish-{sensor}", token);
            var js = NatsEndpoint.JetStream(connection);
            await RecordStreams.EnsureStreamsAsync(js, streams, token);
            var started = Stopwatch.StartNew();
            var summary = await new RecordPublisher(js, subjectName).PublishAsync(records, sensor, key, token);
            var seconds = Math.Max(started.Elapsed.TotalSeconds, 1e-6);
            terminal.Info($"[grey]published {summary.Records:N0} records in {summary.Messages:N0} messages to {Markup.Escape(subjectName)} in {seconds:0.00} s " +
                          $"({summary.Records / seconds:N0} records/s); ids {Markup.Escape(sensor)}/{key}/0..{Math.Max(summary.Records - 1, 0)}[/]");
            if (summary.Duplicates > 0)
                terminal.Info($"[yellow]{summary.Duplicates:N0} of {summary.Messages:N0} messages were already in the stream (published before): not scored again[/]");
            if (summary.Retries > 0) terminal.Info($"[grey]{summary.Retries:N0} publishes retried (no answer during a leader election)[/]");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Captures on <paramref name="interfaceName"/> until the duration, the count or Ctrl+C, publishing each finished
    /// connection; the capture is opened before NATS is reached, so a wrong interface name fails first (exit 2).
    /// </summary>
    private static async Task<int> PublishLiveAsync(Terminal terminal, string natsUrl, string interfaceName, int hostWindow, double? duration, long? count,
        string subjectName, string sensor, RecordStreams.Settings streams, CancellationToken token)
    {
        if (duration is <= 0) throw new ArgumentException($"--duration must be positive (got {duration}).");
        if (count is < 1) throw new ArgumentException($"--count must be at least 1 (got {count}).");
        if (hostWindow < 1) throw new ArgumentException($"--host-window must be at least 1 (got {hostWindow}).");
        var settings = LiveCapture.DefaultSettings with { Windows = new WindowSettings { HostWindowConnections = hostWindow } };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var report = new ExtractionReport { Source = interfaceName };
        var records = LiveCapture.Watch(interfaceName, report, settings, stop.Token);
        await using var publisher = await LivePublisher.ConnectAsync(natsUrl, $"nad-publish-{sensor}", subjectName, sensor, streams, token);
        if (duration is { } seconds) stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        var until = string.Join(" or ", new[] { duration is null ? null : $"{duration} s", count is null ? null : $"{count} records", "Ctrl+C" }.OfType<string>());
        terminal.Info($"[grey]capturing on {Markup.Escape(interfaceName)}, publishing to {Markup.Escape(subjectName)} as {Markup.Escape(publisher.Source)}/{publisher.Key}/0, 1, ... until {until}[/]");
        var started = Stopwatch.StartNew();
        long taken = 0;
        foreach (var x in records)
        {
            publisher.Add(x.Record, x.Endpoints);
            if (++taken == count) break;
        }
        await publisher.CompleteAsync(TimeSpan.FromSeconds(10));
        var elapsed = Math.Max(started.Elapsed.TotalSeconds, 1e-6);
        var published = $"published {publisher.Published:N0} of {taken:N0} records in {publisher.Messages:N0} messages to {Markup.Escape(subjectName)} in {elapsed:0.00} s " +
                        $"({report.PacketsRead:N0} packets)";
        terminal.Info(publisher.Dropped > 0
            ? $"[yellow]{published}; {publisher.Dropped:N0} dropped ({Markup.Escape(publisher.LastError ?? "queue full")})[/]"
            : $"[grey]{published}[/]");
        return 0;
    }

    private static IEnumerable<(ConnectionRecord, ConnectionEndpoints?)> FromData(string path)
    {
        using var stream = InputFile.Open(path);
        foreach (var row in NslKddReader.ReadRows(stream, path))
            yield return (row.Record, null);
    }

    private static IEnumerable<(ConnectionRecord, ConnectionEndpoints?)> FromTraffic(TrafficOptions traffic, ParseResult parse)
    {
        var (connections, _) = traffic.Open(parse);
        foreach (var connection in connections)
            yield return (connection.Record, connection.Endpoints);
    }
}
