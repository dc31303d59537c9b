using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nad.Service;

namespace Nad.Cli.Tests;

/// <summary>
/// The real NAD service on a real loopback port (Kestrel), serving the CLI tests' random forest,
/// for clients that speak HTTP from outside the process's test server (the watch poster).
/// </summary>
public sealed class KestrelService : IAsyncDisposable
{
    private readonly Factory _factory;

    public KestrelService(string modelPath, int port = 0, Dictionary<string, string?>? settings = null)
    {
        DataDir = Directory.CreateTempSubdirectory("nad-cli-service-").FullName;
        Directory.CreateDirectory(Path.Combine(DataDir, "models"));
        File.Copy(modelPath, Path.Combine(DataDir, "models", "random-forest.nadmodel"));
        var all = new Dictionary<string, string?>
        {
            ["Nad:DataDir"] = DataDir,
            ["Nad:DefaultModels"] = "random-forest",
            ["Nad:FamilyModel"] = "", // no family model trained at start unless a test asks
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? []) all[key] = value;
        _factory = new Factory(all);
        _factory.UseKestrel(port);
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal)), "/");
    }

    public string DataDir { get; }
    public Uri BaseAddress { get; }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>A loopback port nothing listens on (just released by the system).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }

    private sealed class Factory(Dictionary<string, string?> settings) : WebApplicationFactory<NadService>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) =>
            builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings));
    }
}
