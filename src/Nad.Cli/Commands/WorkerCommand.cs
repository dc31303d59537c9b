using System.CommandLine;
using System.Diagnostics;
using Nad.Alerts.Stores;
using Nad.Cli.Output;
using Nad.Core.ModelFiles;
using Nad.Streaming.Connecting;
using Nad.Streaming.Messages;
using Nad.Streaming.Observability;
using Nad.Streaming.Working;
using Spectre.Console;

namespace Nad.Cli.Commands;

/// <summary>
/// <c>nad worker</c>: one scoring worker on a shared JetStream consumer; start as many as the load needs, on
/// any machines (docs/scaling.md). Runs until Ctrl+C / SIGTERM (or, with --stop-when-idle, until the stream is drained).
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(Terminal terminal)
    {
        var nats = new Option<string>("--nats") { Description = "NATS server URL (several comma-separated for a cluster).", Required = true };
        var stream = new Option<string>("--stream") { Description = "JetStream stream of records.", DefaultValueFactory = _ => StreamNames.DefaultStream };
        var consumer = new Option<string>("--consumer")
        {
            Description = "Durable consumer shared by the workers (workers with the same name split the records between them).",
            DefaultValueFactory = _ => StreamNames.DefaultConsumer,
        };
        var model = CommonOptions.ModelFile("Model file (.nadmodel) that scores the records.");
        model.Required = true;
        var alerts = new Option<string>("--alerts")
        {
            Description = "Alert store: postgres://user@host:port/database (shared by workers and nad serve) or a SQLite file.",
            Required = true,
        };
        var name = new Option<string>("--name") { Description = "This worker's name in verdicts and metrics. Default: host-pid." };
        var ackWait = new Option<double>("--ack-wait")
        {
            Description = "Seconds a message may stay unacknowledged before it is delivered to another worker (when the consumer is created).",
            DefaultValueFactory = _ => 30,
        };
        var maxDeliver = new Option<int>("--max-deliver")
        {
            Description = "Deliveries of a message that keeps failing before it goes to the dead letters (when the consumer is created).",
            DefaultValueFactory = _ => 5,
        };
        var replicas = new Option<int>("--replicas") { Description = "Copies of the stream and consumer when created.", DefaultValueFactory = _ => 1 };
        var metricsPort = new Option<int>("--metrics-port") { Description = "Serve Prometheus metrics at http://*:PORT/metrics (0: none).", DefaultValueFactory = _ => 0 };
        var idle = new Option<double>("--stop-when-idle") { Description = "Stop after this many seconds with nothing left to score (0: run until stopped).", DefaultValueFactory = _ => 0 };
        var suppressionRefresh = new Option<double>("--suppression-refresh")
        {
            Description = "Seconds between reads of the alert store's suppression rules: a rule added through nad serve applies within this.",
            DefaultValueFactory = _ => 10,
        };
        var command = new Command("worker", "Score records from a NATS JetStream stream into a shared alert store; run several (see docs/scaling.md).")
        {
            nats, stream, consumer, model, alerts, name, ackWait, maxDeliver, replicas, metricsPort, idle, suppressionRefresh,
        };
        command.SetAction(async (parse, token) =>
        {
            var workerName = parse.GetValue(name) ?? $"{Environment.MachineName}-{Environment.ProcessId}";
            if (parse.GetValue(ackWait) is var wait && wait is < 1 or > 3600) throw new ArgumentException($"--ack-wait must be 1 to 3600 seconds (got {wait}).");
            if (parse.GetValue(maxDeliver) is var deliveries && deliveries is < 1 or > 100) throw new ArgumentException($"--max-deliver must be 1 to 100 (got {deliveries}).");
            if (parse.GetValue(replicas) is var copies && copies is < 1 or > 5) throw new ArgumentException($"--replicas must be 1 to 5 (got {copies}).");
            if (parse.GetValue(suppressionRefresh) is var refresh && refresh is < 0.1 or > 3600)
                throw new ArgumentException($"--suppression-refresh must be 0.1 to 3600 seconds (got {refresh}).");
            var detector = ModelFile.Load(parse.GetValue(model)!.FullName);
            var store = await AlertStores.OpenAsync(parse.GetValue(alerts)!, token);
            try
            {
                await using var connection = await NatsEndpoint.ConnectAsync(parse.GetValue(nats)!, $"nad-worker-{workerName}", token);
                using var metrics = parse.GetValue(metricsPort) is > 0 and var port ? WorkerMetrics.Serve(port) : null;
                var settings = new WorkerSettings(workerName, new RecordStreams.Settings(parse.GetValue(stream)!, copies)
                {
                    Consumer = parse.GetValue(consumer)!,
                    AckWait = TimeSpan.FromSeconds(wait),
                    MaxDeliver = deliveries,
                })
                {
                    StopWhenIdle = parse.GetValue(idle) is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : null,
                    SuppressionRefresh = TimeSpan.FromSeconds(refresh),
                };
                terminal.Info($"[grey]worker {Markup.Escape(workerName)}: model {Markup.Escape(detector.Name)}, stream {Markup.Escape(settings.Streams.Stream)}, " +
                              $"consumer {Markup.Escape(settings.Streams.Consumer)}, alerts in {Markup.Escape(store.Description)}[/]");
                var worker = new ScoringWorker(NatsEndpoint.JetStream(connection), detector, store, settings) { Log = m => terminal.Info($"[grey]{Markup.Escape(m)}[/]") };
                var started = Stopwatch.StartNew();
                WorkerSummary summary;
                try
                {
                    summary = await worker.RunAsync(token);
                }
                catch (OperationCanceledException)
                {
                    summary = worker.Summary; // Ctrl+C / SIGTERM: what was committed and acknowledged is done; the rest is redelivered
                }
                var elapsed = Math.Max(started.Elapsed.TotalSeconds, 1e-6);
                terminal.Info($"[grey]worker {Markup.Escape(workerName)}: {summary.Records:N0} records in {summary.Messages:N0} messages ({summary.Records / elapsed:N0} records/s), " +
                              $"{summary.Alerts:N0} alerts ({summary.Suppressed:N0} suppressed by rules), {summary.Redeliveries:N0} redeliveries, {summary.DeadLetters:N0} dead letters[/]");
                foreach (var (rule, count) in worker.Suppressions.Counts.OrderBy(c => c.Key))
                    terminal.Info($"[grey]suppression rule {rule}: {count:N0} alerts kept out[/]");
                return 0;
            }
            finally
            {
                (store as IDisposable)?.Dispose();
            }
        });
        return command;
    }
}
