using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Nad.Alerts.Tests.Export;

/// <summary>An HTTP receiver on loopback (HttpListener) that answers each POST with the next planned status (then 200) and keeps what it got.</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _plan;
    private readonly Task _loop;

    public WebhookReceiver(params (int Status, string? RetryAfter)[] plan)
    {
        _plan = new(plan);
        Port = FreePort();
        Url = $"http://127.0.0.1:{Port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public string Url { get; }
    public ConcurrentQueue<Received> Requests { get; } = new();

    public sealed record Received(DateTime At, int Answered, string? IdempotencyKey, string? Signature, string ContentType, byte[] Body);

    /// <summary>A loopback port free a moment ago (also used for "nothing listens here").</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        try
        {
            while (true)
            {
                var context = await _listener.GetContextAsync();
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                var (status, retryAfter) = _plan.TryDequeue(out var next) ? next : (200, null);
                Requests.Enqueue(new Received(DateTime.UtcNow, status, context.Request.Headers["Idempotency-Key"], context.Request.Headers["X-Nad-Signature"],
                    context.Request.ContentType ?? "", body.ToArray()));
                context.Response.StatusCode = status;
                if (retryAfter is not null) context.Response.AddHeader("Retry-After", retryAfter);
                context.Response.Close();
            }
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
