using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.ModelFiles;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Training;
using Nad.Service;
using Nad.Service.Models;

namespace Nad.Dashboard.Tests;

/// <summary>
/// The real service on a real port (Kestrel, so a browser can reach it) with a small random forest
/// (20 trees, first 3,000 training rows), an unsupervised model, a second copy of the forest to
/// switch to, and one headless Chromium (Debian's, not Playwright's download) for the test class.
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    public const string AdminKey = "dashboard-admin-key";
    public const int TrainRows = 3000;
    public const string SpareModel = "random-forest-copy";

    private ServiceFactory? _factory;
    private IPlaywright? _playwright;

    public string DataDir { get; } = Directory.CreateTempSubdirectory("nad-dashboard-").FullName;
    public string ScreenshotDir { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");
    public Uri BaseAddress { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string UnsupervisedName { get; private set; } = "";
    public IServiceProvider Services => _factory!.Services;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDir);
        var models = Path.Combine(DataDir, "models");
        Directory.CreateDirectory(models);
        var rows = NslKddReader.ReadRows(InputFile.Open(BundledData.Train), BundledData.Train).Take(TrainRows).ToList();
        var data = new ConnectionDataset("first 3000 rows", [.. rows.Select(r => r.Record)], [.. rows.Select(r => r.Label!.Value)]);
        var trainer = DetectorCatalog.Get("random-forest").CreateTrainer(new TrainerSettings
        {
            Threads = 2,
            Parameters = new Dictionary<string, string> { ["trees"] = "20" },
        });
        var forest = DetectorTraining.Train(trainer, data, new TrainingDataInfo("KDDTrain+ first 3000 rows", "test", TrainRows));
        ModelFile.Save(forest, Path.Combine(models, "random-forest.nadmodel"));
        File.Copy(Path.Combine(models, "random-forest.nadmodel"), Path.Combine(models, SpareModel + ".nadmodel"));

        // The Isolation Forest when this NAD has one (trained by the service at start on the same slice), else a stand-in.
        var hasIsolationForest = DetectorCatalog.Find("isolation-forest") is not null;
        _factory = new ServiceFactory(new Dictionary<string, string?>
        {
            ["Nad:DataDir"] = DataDir,
            ["Nad:DefaultModels"] = hasIsolationForest ? "random-forest,isolation-forest" : "random-forest",
            ["Nad:FamilyModel"] = "", // no family model trained at start unless a test asks
            ["Nad:Training:MaxRows"] = TrainRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Nad:AdminApiKey"] = AdminKey,
            ["Nad:Dashboard:EvaluationRows"] = "2000",
            ["Nad:Dashboard:ImportanceRows"] = "300",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        var registry = Services.GetRequiredService<ModelRegistry>();
        if (registry.Unsupervised is null)
        {
            var model = new NormalCentroidModel(data.NormalOnly().Records);
            var manifest = new ModelManifest
            {
                Model = "normal-centroid",
                Supervised = false,
                CreatedUtc = DateTimeOffset.UtcNow,
                TrainingData = new TrainingDataInfo("KDDTrain+ first 3000 rows, normal only", "test", TrainRows),
                Parameters = new Dictionary<string, string>(),
                Threshold = model.ProposedThreshold!.Value,
                ThresholdRule = "99th percentile of the normal training rows' distances",
                PayloadSha256 = "0123456789abcdef",
            };
            registry.Add(new LoadedModel("normal-centroid", new Detector(manifest, model)));
            registry.Activate("normal-centroid");
        }
        UnsupervisedName = registry.Unsupervised!.Name;

        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)), "/");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = File.Exists("/usr/lib/chromium/chromium") ? "/usr/lib/chromium/chromium" : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }

    private sealed class ServiceFactory(Dictionary<string, string?> settings) : WebApplicationFactory<NadService>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) =>
            builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings));
    }
}
