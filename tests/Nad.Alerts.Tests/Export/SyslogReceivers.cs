using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Nad.Alerts.Tests.Export;

/// <summary>A syslog server on loopback: each UDP datagram is one message.</summary>
public sealed class UdpSyslogReceiver : IDisposable
{
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public UdpSyslogReceiver() => _loop = Task.Run(ReceiveAsync);

    public int Port => ((IPEndPoint)_socket.Client.LocalEndPoint!).Port;
    public ConcurrentQueue<string> Messages { get; } = new();

    private async Task ReceiveAsync()
    {
        try
        {
            while (true) Messages.Enqueue(Encoding.UTF8.GetString((await _socket.ReceiveAsync(_stop.Token)).Buffer));
        }
        catch (OperationCanceledException) { }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _socket.Dispose();
        _stop.Dispose();
    }
}

/// <summary>
/// A syslog server on loopback reading RFC 6587 octet-counted frames. <see cref="Stop"/> closes the
/// listener and every connection at once, reading nothing more (what a crashed or restarted server does);
/// <see cref="Start"/> listens again on the same port.
/// </summary>
public sealed class TcpSyslogReceiver : IDisposable
{
    private readonly object _gate = new();
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _stop;

    public TcpSyslogReceiver() => Start();

    public int Port { get; private set; }
    public ConcurrentQueue<string> Messages { get; } = new();
    public int Connections { get; private set; }

    public void Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _stop = new CancellationTokenSource();
        _listener = listener;
        var token = _stop.Token;
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var client = await listener.AcceptTcpClientAsync(token);
                    lock (_gate) { _connections.Add(client); Connections++; }
                    _ = Task.Run(() => ReadFramesAsync(client, token));
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
        });
    }

    public void Stop()
    {
        _stop?.Cancel();
        _listener?.Stop();
        lock (_gate)
        {
            foreach (var client in _connections) client.Dispose();
            _connections.Clear();
        }
    }

    private async Task ReadFramesAsync(TcpClient client, CancellationToken token)
    {
        var stream = client.GetStream();
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(chunk, token);
                if (read == 0) return;
                buffer.AddRange(chunk.AsSpan(0, read));
                while (TryTakeFrame(buffer, out var message)) Messages.Enqueue(message);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException) { }
    }

    /// <summary>Takes one "LEN SP MSG" frame off the front of <paramref name="buffer"/> when it is all there.</summary>
    private static bool TryTakeFrame(List<byte> buffer, out string message)
    {
        message = "";
        var space = buffer.IndexOf((byte)' ');
        if (space < 0) return false;
        var length = int.Parse(Encoding.ASCII.GetString([.. buffer.GetRange(0, space)]));
        if (buffer.Count < space + 1 + length) return false;
        message = Encoding.UTF8.GetString([.. buffer.GetRange(space + 1, length)]);
        buffer.RemoveRange(0, space + 1 + length);
        return true;
    }

    public void Dispose() => Stop();
}
