using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Nad.Alerts.Export;

/// <summary>
/// POSTs each batch as a JSON array of ECS documents. A network error, a timeout, 408, 429 or a 5xx is
/// retried with exponential backoff and jitter (a Retry-After is honoured, up to the longest backoff);
/// after <see cref="RetrySettings.MaxAttempts"/> the batch is dropped. Another 4xx is dropped at once:
/// sending the same body again would not change the answer. Every attempt carries the same
/// <c>Idempotency-Key</c> (the batch's first record id), so a receiver can tell a retry from a new batch,
/// and, with a secret, <see cref="WebhookSinkSettings.SignatureHeader"/>: <c>sha256=</c> hex HMAC-SHA256 of the body.
/// </summary>
public sealed class WebhookSink : IAlertSink
{
    public const string IdempotencyHeader = "Idempotency-Key";

    private readonly WebhookSinkSettings _settings;
    private readonly EcsDocument _ecs;
    private readonly IExportObserver? _observer;
    private readonly HttpClient _http;
    private readonly Backoff _backoff;
    private readonly byte[]? _secret;

    public WebhookSink(WebhookSinkSettings settings, EcsDocument ecs, IExportObserver? observer = null, HttpMessageHandler? handler = null)
    {
        _settings = settings;
        _ecs = ecs;
        _observer = observer;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds),
        };
        _backoff = Backoff.From(settings.Retry);
        _secret = settings.Secret.Length > 0 ? Encoding.UTF8.GetBytes(settings.Secret) : null;
        Name = settings.SinkName;
    }

    public string Name { get; }

    /// <summary>The signature header's value for a body: <c>sha256=</c> and the lowercase hex HMAC-SHA256.</summary>
    public static string Signature(byte[] secret, ReadOnlySpan<byte> body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));

    public async Task<DeliveryReport> SendAsync(IReadOnlyList<Alert> batch, CancellationToken cancellationToken)
    {
        var body = Body(batch);
        var key = batch[0].RecordId ?? Convert.ToHexStringLower(SHA256.HashData(body))[..24];
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            string problem;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _settings.Uri) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                request.Headers.Add(IdempotencyHeader, key);
                if (_secret is not null) request.Headers.Add(_settings.SignatureHeader, Signature(_secret, body));
                using var response = await _http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode) return DeliveryReport.Sent(attempt - 1);
                problem = $"HTTP {(int)response.StatusCode} from {_settings.Uri.GetLeftPart(UriPartial.Path)}";
                if (!Retryable(response.StatusCode))
                {
                    _observer?.Failed(Name, problem + " (not retried)", givingUp: true);
                    return DeliveryReport.Dropped(attempt - 1);
                }
                retryAfter = RetryAfter(response.Headers.RetryAfter);
            }
            catch (HttpRequestException e)
            {
                problem = e.Message;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                problem = $"no answer within {_settings.TimeoutSeconds} s";
            }
            catch (OperationCanceledException)
            {
                return DeliveryReport.Dropped(attempt - 1);
            }
            var givingUp = attempt >= _settings.Retry.MaxAttempts;
            _observer?.Failed(Name, problem, givingUp);
            if (givingUp) return DeliveryReport.Dropped(attempt - 1);
            try { await Task.Delay(_backoff.Delay(attempt, retryAfter), cancellationToken); }
            catch (OperationCanceledException) { return DeliveryReport.Dropped(attempt - 1); }
        }
    }

    private byte[] Body(IReadOnlyList<Alert> batch)
    {
        var buffer = new ArrayBufferWriter<byte>(1024 * batch.Count);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var alert in batch) _ecs.Write(json, alert);
            json.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static bool Retryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
