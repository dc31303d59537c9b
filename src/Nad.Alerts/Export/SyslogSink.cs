using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Nad.Alerts.Export;

/// <summary>
/// Sends each alert as an RFC 5424 message (<see cref="SyslogMessage"/>). UDP: one message a datagram,
/// sent once (at most once: a datagram lost on the way is not known). TCP: octet-counting framing
/// (RFC 6587, <c>LEN SP MSG</c>) on one connection, at least once: a failed write or a connection the
/// server has closed is reconnected (backoff, <see cref="SyslogSinkSettings.Retry"/>) and the batch sent again,
/// after the messages written on the dead connection in the last <see cref="ReplayWindow"/> (syslog has no
/// acknowledgement, so a server that stopped may not have read them). A receiver can drop repeats by <c>record</c>.
/// </summary>
public sealed class SyslogSink(SyslogSinkSettings settings, EcsDocument ecs, IExportObserver? observer = null) : IAlertSink
{
    /// <summary>How far back messages written on a connection that turns out dead are sent again.</summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromSeconds(5);

    private const int MaxReplay = 10_000;
    private readonly Backoff _backoff = Backoff.From(settings.Retry);
    private readonly string _hostName = Environment.MachineName;
    private readonly int _processId = Environment.ProcessId;
    private readonly Queue<(long Written, byte[] Frame)> _recent = new();
    private UdpClient? _udp;
    private TcpClient? _tcp;
    private NetworkStream? _stream;

    public string Name { get; } = NameFor(settings);

    public static string NameFor(SyslogSinkSettings settings) =>
        string.Create(CultureInfo.InvariantCulture, $"syslog:{settings.Transport.ToLowerInvariant()}:{settings.Host}:{settings.Port}");

    public Task<DeliveryReport> SendAsync(IReadOnlyList<Alert> batch, CancellationToken cancellationToken)
    {
        var messages = batch.Select(a => SyslogMessage.Format(a, ecs, settings.Facility, settings.AppName, _hostName, _processId)).ToArray();
        return settings.IsTcp ? SendTcpAsync(messages, cancellationToken) : SendUdpAsync(messages, cancellationToken);
    }

    private async Task<DeliveryReport> SendUdpAsync(byte[][] messages, CancellationToken cancellationToken)
    {
        try
        {
            if (_udp is null)
            {
                _udp = new UdpClient();
                _udp.Connect(settings.Host, settings.Port);
            }
            foreach (var message in messages) await _udp.SendAsync(message, cancellationToken);
            return DeliveryReport.Sent();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            observer?.Failed(Name, e.Message, givingUp: true);
            _udp?.Dispose();
            _udp = null;
            return DeliveryReport.Dropped(0);
        }
    }

    private async Task<DeliveryReport> SendTcpAsync(byte[][] messages, CancellationToken cancellationToken)
    {
        var frames = messages.Select(Frame).ToArray();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var stream = await ConnectedAsync(cancellationToken);
                foreach (var frame in frames) await stream.WriteAsync(frame, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                Remember(frames);
                return DeliveryReport.Sent(attempt - 1);
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
                CloseTcp();
                var givingUp = attempt >= settings.Retry.MaxAttempts || cancellationToken.IsCancellationRequested;
                observer?.Failed(Name, e.Message, givingUp);
                if (givingUp) return DeliveryReport.Dropped(attempt - 1);
                try { await Task.Delay(_backoff.Delay(attempt), cancellationToken); }
                catch (OperationCanceledException) { return DeliveryReport.Dropped(attempt - 1); }
            }
        }
    }

    /// <summary>The open connection, or a new one (replaying what the dead one may not have delivered).</summary>
    private async Task<NetworkStream> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_stream is not null && !PeerClosed(_tcp!.Client)) return _stream;
        CloseTcp();
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, cancellationToken);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        _tcp = client;
        _stream = client.GetStream();
        var cutoff = Stopwatch.GetTimestamp() - (long)(ReplayWindow.TotalSeconds * Stopwatch.Frequency);
        var replay = _recent.Where(r => r.Written >= cutoff).Select(r => r.Frame).ToArray();
        foreach (var frame in replay) await _stream.WriteAsync(frame, cancellationToken);
        _recent.Clear();
        Remember(replay);
        return _stream;
    }

    /// <summary>True when the server has closed its end (readable with nothing to read) or the socket reports an error.</summary>
    private static bool PeerClosed(Socket socket)
    {
        try
        {
            return socket.Poll(0, SelectMode.SelectError) || (socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0);
        }
        catch (SocketException)
        {
            return true;
        }
    }

    private void Remember(byte[][] frames)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var frame in frames) _recent.Enqueue((now, frame));
        var cutoff = now - (long)(ReplayWindow.TotalSeconds * Stopwatch.Frequency);
        while (_recent.Count > 0 && (_recent.Count > MaxReplay || _recent.Peek().Written < cutoff)) _recent.Dequeue();
    }

    /// <summary>RFC 6587 octet counting: the message's length in bytes, a space, the message.</summary>
    public static byte[] Frame(byte[] message) => [.. System.Text.Encoding.ASCII.GetBytes(message.Length.ToString(CultureInfo.InvariantCulture) + " "), .. message];

    private void CloseTcp()
    {
        _stream?.Dispose();
        _tcp?.Dispose();
        _stream = null;
        _tcp = null;
    }

    public ValueTask DisposeAsync()
    {
        CloseTcp();
        _udp?.Dispose();
        return ValueTask.CompletedTask;
    }
}
