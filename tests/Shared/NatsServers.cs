using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Nad.Tests.Shared;

/// <summary>
/// One or three nats-server processes with JetStream for tests: loopback only, free ports (never the
/// default 4222), store folders in a temp folder; three form a cluster (routes on loopback). A node can be
/// killed (SIGKILL) and restarted on its ports and store. Everything is killed and deleted on dispose.
/// <see cref="SkipReason"/> says why there is none (no nats-server: .ci/run installs Debian's).
/// </summary>
public sealed class NatsServers : IAsyncDisposable
{
    private readonly string _folder;
    private readonly Node[] _nodes;

    private sealed class Node(string name, int port, int clusterPort)
    {
        public string Name { get; } = name;
        public int Port { get; } = port;
        public int ClusterPort { get; } = clusterPort;
        public Process? Process { get; set; }
    }

    private NatsServers(string folder, Node[] nodes, string? skipReason)
    {
        _folder = folder;
        _nodes = nodes;
        SkipReason = skipReason;
    }

    public string? SkipReason { get; }

    /// <summary>Every node's URL, comma-separated (what a client is given for a cluster).</summary>
    public string Url => string.Join(",", _nodes.Select(n => $"nats://127.0.0.1:{n.Port}"));

    public string NodeUrl(int node) => $"nats://127.0.0.1:{_nodes[node].Port}";

    public IReadOnlyList<string> Names => [.. _nodes.Select(n => n.Name)];

    public static string? Binary() =>
        new[] { "/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server" }.FirstOrDefault(File.Exists);

    public static async Task<NatsServers> StartAsync(int nodes)
    {
        var folder = Directory.CreateTempSubdirectory("nad-nats-").FullName;
        if (Binary() is null) return new NatsServers(folder, [], "nats-server is not installed (.ci/run installs Debian's nats-server)");
        var all = Enumerable.Range(0, nodes).Select(i => new Node($"nad{i}", FreePort(), FreePort())).ToArray();
        var servers = new NatsServers(folder, all, null);
        try
        {
            for (var i = 0; i < nodes; i++) servers.Start(i);
            await servers.WaitForJetStreamAsync(TimeSpan.FromSeconds(30));
            return servers;
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    private void Start(int index)
    {
        var node = _nodes[index];
        var arguments = $"-js -a 127.0.0.1 -p {node.Port} -n {node.Name} -sd {Path.Combine(_folder, node.Name)}";
        if (_nodes.Length > 1)
            arguments += $" --cluster_name nad --cluster nats://127.0.0.1:{node.ClusterPort} --routes " +
                         string.Join(",", _nodes.Where(n => n != node).Select(n => $"nats://127.0.0.1:{n.ClusterPort}"));
        var process = Process.Start(new ProcessStartInfo(Binary()!, arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        node.Process = process;
    }

    /// <summary>Until JetStream answers on every node (a cluster has elected its meta leader).</summary>
    public async Task WaitForJetStreamAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        foreach (var node in _nodes)
        {
            while (true)
            {
                try
                {
                    await using var connection = new NatsConnection(NatsOpts.Default with { Url = $"nats://127.0.0.1:{node.Port}", ConnectTimeout = TimeSpan.FromSeconds(2) });
                    await connection.ConnectAsync();
                    await new NatsJSContext(connection).GetAccountInfoAsync();
                    break;
                }
                catch (Exception) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(200);
                }
            }
        }
    }

    /// <summary>SIGKILL: no goodbye to the cluster, as a crashed machine.</summary>
    public void Kill(string name)
    {
        var node = _nodes.Single(n => n.Name == name);
        node.Process?.Kill(entireProcessTree: true);
        node.Process?.WaitForExit();
        node.Process?.Dispose();
        node.Process = null;
    }

    /// <summary>Starts a killed node again on its ports and store.</summary>
    public void Restart(string name) => Start(Array.FindIndex(_nodes, n => n.Name == name));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.Where(n => n.Process is { HasExited: false }))
        {
            node.Process!.Kill(entireProcessTree: true);
            await node.Process.WaitForExitAsync();
        }
        foreach (var node in _nodes) node.Process?.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
