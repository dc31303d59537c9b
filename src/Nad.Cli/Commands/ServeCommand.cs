using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Nad.Alerts.Stores;
using Nad.Cli.Output;
using Nad.Service;
using Nad.Service.Models;
using Nad.Service.Settings;

namespace Nad.Cli.Commands;

/// <summary>
/// <c>nad serve</c>: runs the detection service (src/Nad.Service) in this process until Ctrl+C or
/// SIGTERM, then shuts down gracefully (requests in flight finish, queued alerts are written).
/// </summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5000";

    public static Command Create(Terminal terminal)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen (semicolon-separated URLs).",
            DefaultValueFactory = _ => DefaultUrls,
        };
        var dataDir = new Option<DirectoryInfo>("--data-dir")
        {
            Description = "Folder for model files (models/*.nadmodel) and the alert database (alerts.db). Missing default models are trained into it first. Default: NAD's home folder ($NAD_HOME).",
            DefaultValueFactory = _ => new DirectoryInfo(NadHome.Folder),
        };
        var alerts = new Option<string>("--alerts")
        {
            Description = "Where alerts are kept: a SQLite file, or postgres://user@host:port/database to show (and add to) the alerts every scoring worker stores. Default: alerts.db in the data folder.",
        };
        var model = new Option<FileInfo[]>("--model")
        {
            Description = "Serve this model file (any schema; repeat for a supervised and an unsupervised one) instead of the default models: the API takes records with its columns.",
        }.MustExist();
        var command = new Command("serve", "Run the detection service: JSON API, stored alerts, health, metrics, OpenAPI (see README).")
        {
            urls, dataDir, alerts, model,
        };
        command.SetAction(async (parse, token) =>
        {
            var folder = parse.GetValue(dataDir)!.FullName;
            terminal.Info($"[grey]data folder {Spectre.Console.Markup.Escape(folder)}[/]");
            var store = parse.GetValue(alerts) ?? "";
            if (store.Length > 0)
            {
                // Reached and migrated before the server starts: an unreachable store is exit 69 with its name, not a failed host.
                var opened = await AlertStores.OpenAsync(store, token);
                terminal.Info($"[grey]alerts in {Spectre.Console.Markup.Escape(opened.Description)}[/]");
                (opened as IDisposable)?.Dispose();
            }
            // Settings go in as configuration, so environment variables (Nad__AdminApiKey, ...) still apply.
            // Disposed here too: when the settings check below refuses, RunAsync (which disposes the host) never runs.
            var models = parse.GetValue(model) ?? [];
            string[] served = models.Length == 0 ? [] :
            [
                // Only these models: no default model is trained or served, and no NSL-KDD family model.
                $"--{NadServiceOptions.Section}:ModelFiles={string.Join(',', models.Select(f => f.FullName))}",
                $"--{NadServiceOptions.Section}:DefaultModels=",
                $"--{NadServiceOptions.Section}:FamilyModel=",
            ];
            await using var app = NadService.Build(
            [
                .. served,
                "--urls", parse.GetValue(urls)!,
                $"--{NadServiceOptions.Section}:DataDir={folder}",
                $"--{NadServiceOptions.Section}:AlertStore={store}",
                "--Logging:Console:LogToStandardErrorThreshold=Trace", // logs are messages: stderr, like every nad command
                // A start that fails (a --model file that is not a model, say) reaches NadApp, which names it in one line (exit 2);
                // the host's own log of it would put a stack trace in front of that line.
                "--Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host=None",
            ]);
            var settings = app.Services.GetRequiredService<IOptions<NadServiceOptions>>().Value;
            ModelBootstrapper.CheckTrainingSettings(settings);
            settings.Export.Check(); // Nad:Export named in the message, exit 2, before anything starts
            await app.RunAsync(token);
            return 0;
        });
        return command;
    }
}
