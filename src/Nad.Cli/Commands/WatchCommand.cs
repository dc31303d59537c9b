using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Nad.Cli.Output;
using Nad.Cli.Posting;
using Nad.Core.Detectors;
using Nad.Core.ModelFiles;
using Nad.Streaming.Connecting;
using Nad.Streaming.Messages;
using Nad.Streaming.Publishing;
using Nad.Traffic.Extraction;
using Spectre.Console;

namespace Nad.Cli.Commands;

/// <summary><c>nad watch</c>: live capture on an interface, each finished connection scored, alerts printed as they happen.</summary>
internal static class WatchCommand
{
    private static readonly JsonSerializerOptions OneLine = new(ModelFile.Json) { WriteIndented = false };

    public static Command Create(Terminal terminal)
    {
        var model = CommonOptions.ModelFile("Model file written by `nad train`.");
        var device = new Option<string>("--interface", "-i") { Description = "Interface to capture on (e.g. eth0, lo). Needs root or CAP_NET_RAW.", Required = true };
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds (default: until Ctrl+C)." };
        var all = new Option<bool>("--all") { Description = "Print every connection, not only the alerts." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per line on stdout." };
        var postTo = new Option<string?>("--post-to")
        {
            Description = "Also send every record to a running NAD service at this address (e.g. http://localhost:5080), in batches to /api/v1/detect, so it scores and stores them.",
        };
        var apiKey = new Option<string?>("--api-key") { Description = "Sent as the X-Api-Key header with --post-to (default: the NAD_API_KEY environment variable)." };
        var publishTo = new Option<string?>("--publish-to")
        {
            Description = "Also publish every record to NATS JetStream at this URL (e.g. nats://127.0.0.1:4222) for nad workers to score (docs/scaling.md).",
        };
        var subject = new Option<string?>("--subject")
        {
            Description = "With --publish-to: the subject, nad.records.<sensor> (default: nad.records.<this machine's name>).",
        };
        var command = new Command("watch", "Capture live traffic, build connection records as connections finish, score them and print alerts.")
        {
            model, device, duration, all, json, postTo, apiKey, publishTo, subject,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var detector = ModelFile.Load(parse.GetValue(model)!.FullName);
            await using var poster = parse.GetValue(postTo) is { } address ? CreatePoster(address, parse.GetValue(apiKey)) : null;
            await using var publisher = parse.GetValue(publishTo) is { } natsUrl
                ? await CreatePublisherAsync(natsUrl, parse.GetValue(subject), cancel)
                : null;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            if (parse.GetValue(duration) is { } seconds)
            {
                if (seconds <= 0) throw new ArgumentException($"--duration must be positive (got {seconds}).");
                stop.CancelAfter(TimeSpan.FromSeconds(seconds));
            }
            var report = new ExtractionReport { Source = parse.GetValue(device)! };
            var records = LiveCapture.Watch(parse.GetValue(device)!, report, null, stop.Token);
            terminal.Info($"[grey]watching {Markup.Escape(report.Source)} with {Markup.Escape(detector.Name)} (threshold {detector.Threshold:0.####}); Ctrl+C stops[/]");
            if (publisher is not null) terminal.Info($"[grey]publishing records to NATS as {Markup.Escape(publisher.Source)}/{publisher.Key}/0, 1, ...[/]");
            if (poster is not null) terminal.Info($"[grey]posting records to {Markup.Escape(poster.Service.ToString())}api/v1/detect[/]");
            long attacks = 0, droppedSeen = 0;
            foreach (var x in records)
            {
                if (poster is not null)
                {
                    poster.Add(x.Record, x.Endpoints);
                    // Only the counter per record: the full snapshot is built when there is news to print.
                    if (poster.BatchesDropped > droppedSeen)
                    {
                        var now = poster.Stats;
                        droppedSeen = now.BatchesDropped;
                        terminal.Info($"[yellow]{now.BatchesDropped:N0} batches ({now.RecordsDropped:N0} records) dropped: the service is not keeping up ({Markup.Escape(now.LastError ?? "queue full")})[/]");
                    }
                }
                publisher?.Add(x.Record, x.Endpoints);
                var score = detector.Score(x.Record);
                var isAttack = detector.IsAttack(score);
                if (isAttack) attacks++;
                if (!isAttack && !parse.GetValue(all)) continue;
                var family = detector.FamilyClassifier is { } classifier
                    ? classifier.Classes.Decided(classifier.FamilyProbabilities([x.Record])[0], isAttack)
                    : null;
                var line = new ConnectionVerdict(x, isAttack, score, withNotObserved: false, family);
                terminal.StdOut.WriteLine(parse.GetValue(json)
                    ? JsonSerializer.Serialize(line, OneLine)
                    : string.Create(CultureInfo.InvariantCulture,
                        $"{line.Time.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}  {line.Source}:{line.SourcePort} -> {line.Destination}:{line.DestinationPort}  {line.Protocol} {line.Service} {line.Flag}  {line.Verdict} {score:0.000}{(family is null ? "" : " " + family)}"));
                terminal.StdOut.Flush();
            }
            terminal.Info($"{report.Records:N0} connections scored: {attacks:N0} attack ({report.PacketsRead:N0} packets)");
            if (poster is not null)
            {
                var stats = await poster.CompleteAsync(TimeSpan.FromSeconds(10));
                var summary = Markup.Escape(stats.Describe(poster.Service));
                terminal.Info(stats.BatchesDropped > 0 || stats.BatchesRejected > 0 ? $"[yellow]{summary}[/]" : summary);
            }
            if (publisher is not null)
            {
                await publisher.CompleteAsync(TimeSpan.FromSeconds(10));
                var published = $"{publisher.Published:N0} records published in {publisher.Messages:N0} messages";
                terminal.Info(publisher.Dropped > 0
                    ? $"[yellow]{published}; {publisher.Dropped:N0} dropped ({Markup.Escape(publisher.LastError ?? "queue full")})[/]"
                    : $"[grey]{published}[/]");
            }
            return 0;
        });
        return command;
    }

    private static async Task<LivePublisher> CreatePublisherAsync(string url, string? subject, CancellationToken cancel)
    {
        var sensor = new string([.. Environment.MachineName.Select(c => StreamNames.IsValidToken(c.ToString()) ? c : '-')]);
        var subjectName = subject ?? StreamNames.RecordSubjectPrefix + sensor;
        var source = StreamNames.SensorOf(subjectName, "--subject");
        return await LivePublisher.ConnectAsync(url, $"nad-watch-{source}", subjectName, source, new RecordStreams.Settings(), cancel);
    }

    // The poster checks the scheme and completes the path; only text that is no address at all stops here.
    private static RecordPoster CreatePoster(string address, string? apiKey) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri)
            ? new RecordPoster(uri, apiKey ?? Environment.GetEnvironmentVariable("NAD_API_KEY"))
            : throw RecordPoster.NotAServiceAddress(address);
}
