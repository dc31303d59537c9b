using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Nad.Tests.Shared;

/// <summary>
/// A throwaway PostgreSQL server for tests: initdb into a temp folder, listening on 127.0.0.1 at a free
/// port (never the default 5432) with its unix socket in the same folder, trust authentication, killed
/// and deleted on dispose. PostgreSQL refuses to run as root, so as root both initdb and the server run as
/// the <c>postgres</c> user through <c>runuser</c>. <see cref="SkipReason"/> says why there is none (no
/// /usr/lib/postgresql/*/bin: .ci/run installs Debian's postgresql).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string User = "nad";

    private readonly Process? _server;
    private readonly string? _folder;

    private PostgresServer(Process? server, string? folder, int port, string? skipReason)
    {
        _server = server;
        _folder = folder;
        Port = port;
        SkipReason = skipReason;
    }

    public int Port { get; }

    /// <summary>Null when the server runs; otherwise why the tests that need it are skipped.</summary>
    public string? SkipReason { get; }

    /// <summary>The alert-store URL of a database (created by <see cref="CreateDatabaseAsync"/>).</summary>
    public string Url(string database) => $"postgres://{User}@127.0.0.1:{Port}/{database}";

    public static string? BinFolder() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderDescending(StringComparer.Ordinal).FirstOrDefault()
            : null;

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = BinFolder();
        if (bin is null) return new PostgresServer(null, null, 0, "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; .ci/run installs Debian's postgresql)");
        var folder = Directory.CreateTempSubdirectory("nad-pg-").FullName;
        var data = Path.Combine(folder, "data");
        var asRoot = Environment.UserName == "root";
        if (asRoot) await RunAsync("chown", $"postgres {folder}");
        await RunAsync(Command(asRoot, Path.Combine(bin, "initdb")), Arguments(asRoot, Path.Combine(bin, "initdb"), $"-D {data} -U {User} -A trust -E UTF8 --no-sync"));
        var port = FreePort();
        var server = Process.Start(new ProcessStartInfo(Command(asRoot, Path.Combine(bin, "postgres")),
            Arguments(asRoot, Path.Combine(bin, "postgres"),
                $"-D {data} -p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        server.ErrorDataReceived += (_, _) => { };
        server.OutputDataReceived += (_, _) => { };
        server.BeginErrorReadLine();
        server.BeginOutputReadLine();
        var postgres = new PostgresServer(server, folder, port, null);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username={User};Database=postgres;Pooling=false");
                await connection.OpenAsync();
                return postgres;
            }
            catch (Exception) when (DateTime.UtcNow < deadline && !server.HasExited)
            {
                await Task.Delay(100);
            }
            catch
            {
                await postgres.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>A new empty database (one per test keeps tests apart).</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username={User};Database=postgres;Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return name;
    }

    private static string Command(bool asRoot, string program) => asRoot ? "runuser" : program;

    private static string Arguments(bool asRoot, string program, string arguments) => asRoot ? $"-u postgres -- {program} {arguments}" : arguments;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {await error}{await output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { HasExited: false } && _folder is not null && BinFolder() is { } bin)
        {
            // Immediate stop through pg_ctl ends the postmaster and its backends together; the kill below is the fallback.
            var asRoot = Environment.UserName == "root";
            var pgCtl = Path.Combine(bin, "pg_ctl");
            try { await RunAsync(Command(asRoot, pgCtl), Arguments(asRoot, pgCtl, $"stop -D {Path.Combine(_folder, "data")} -m immediate -w")); }
            catch (InvalidOperationException) { }
        }
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }
        _server?.Dispose();
        if (_folder is not null)
        {
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
