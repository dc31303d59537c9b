using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Nad.Streaming.Connecting;

/// <summary>
/// Opens a NATS connection and checks that a server answers, so a wrong URL is one clear error at the
/// start. Once connected the client reconnects by itself (to any server of a cluster it learned of),
/// so a server killed mid-run is a pause, not a failure.
/// </summary>
public static class NatsEndpoint
{
    public static async Task<NatsConnection> ConnectAsync(string url, string name, CancellationToken cancellationToken)
    {
        var connection = new NatsConnection(NatsOpts.Default with
        {
            Url = url,
            Name = name,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            MaxReconnectRetry = -1, // keep trying: a cluster node coming back is normal
            ReconnectWaitMin = TimeSpan.FromMilliseconds(100),
            ReconnectWaitMax = TimeSpan.FromSeconds(2),
        });
        try
        {
            await connection.ConnectAsync();
            await connection.PingAsync(cancellationToken);
            return connection;
        }
        catch (Exception e) when (e is NatsException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new NatsUnavailableException($"No NATS server answers at {url}: {e.Message}", e);
        }
    }

    public static NatsJSContext JetStream(NatsConnection connection) => new(connection);
}
