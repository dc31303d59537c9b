using System.CommandLine;
using System.Diagnostics;
using Nad.Alerts;
using Nad.Cli.Output;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Streaming.Connecting;
using Nad.Streaming.Messages;
using Nad.Streaming.Publishing;
using Spectre.Console;

namespace Nad.Cli.Commands;

/// <summary>
/// <c>nad publish</c>: records from a file, a capture or a conn.log onto a NATS JetStream stream for
/// <c>nad worker</c>s to score (docs/scaling.md). Record ids are <c>sensor/file-sha256-12/position</c>, so
/// publishing the same file again is recognised as a duplicate and scored once.
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
        var command = new Command("publish", "Publish connection records to a NATS JetStream stream for nad worker to score (see docs/scaling.md).")
        {
            nats, subject, data, stream, replicas,
        };
        foreach (var option in traffic.All) command.Options.Add(option);
        command.SetAction(async (parse, token) =>
        {
            var subjectName = parse.GetValue(subject)!;
            var sensor = StreamNames.SensorOf(subjectName, "--subject");
            var dataFile = parse.GetValue(data);
            if ((dataFile is null) == !traffic.IsGiven(parse))
                throw new ArgumentException("Give exactly one input: --data <file>, --pcap <file> or --zeek <conn.log>.");
            var replicaCount = parse.GetValue(replicas);
            if (replicaCount is < 1 or > 5) throw new ArgumentException($"--replicas must be 1 to 5 (got {replicaCount}).");

            var path = dataFile?.FullName ?? (parse.GetValue(traffic.Pcap) ?? parse.GetValue(traffic.Zeek))!.FullName;
            var key = RecordIds.FileKey(path);
            var records = dataFile is not null ? FromData(path) : FromTraffic(traffic, parse);

            await using var connection = await NatsEndpoint.ConnectAsync(parse.GetValue(nats)!, $"nad-publish-{sensor}", token);
            var js = NatsEndpoint.JetStream(connection);
            await RecordStreams.EnsureStreamsAsync(js, new RecordStreams.Settings(parse.GetValue(stream)!, replicaCount), token);
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
