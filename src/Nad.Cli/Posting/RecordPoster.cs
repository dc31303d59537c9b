using System.Net;
using System.Text;
using System.Threading.Channels;
using Nad.Core.Records;
using Nad.Core.Wire;

namespace Nad.Cli.Posting;

/// <summary>
/// Sends records to a running NAD service in batches (<c>POST /api/v2/detect</c>), so the service
/// scores and stores them and its dashboard shows them. <see cref="Add"/> never blocks the capture
/// loop: a batch goes on a bounded queue, and when the queue is full (service down or slow) the
/// batch is dropped and counted. One background sender retries a failing batch with exponential
/// backoff; a batch the service refuses (4xx other than 429) is counted as rejected, not retried.
/// </summary>
public sealed class RecordPoster : IAsyncDisposable
{
    private readonly record struct PostedRecord(ConnectionRecord Record, ConnectionEndpoints? Connection);

    private readonly HttpClient _http;
    private readonly RecordPosterOptions _options;
    private readonly Channel<PostedRecord[]> _queue;
    private readonly Lock _lock = new();
    private readonly Task _sender;
    private readonly Task _flusher;
    private readonly CancellationTokenSource _stop = new(); // ends the flush timer
    private readonly CancellationTokenSource _abandon = new(); // ends waiting and sending when the drain time is up
    private List<PostedRecord> _batch;
    private long _recordsSent, _batchesSent, _batchesDropped, _recordsDropped, _batchesRejected, _failedAttempts;

    public RecordPoster(Uri service, string? apiKey, RecordPosterOptions? options = null, HttpMessageHandler? handler = null)
    {
        if (!service.IsAbsoluteUri || service.Scheme is not ("http" or "https")) throw NotAServiceAddress(service.OriginalString);
        // A base address without the trailing slash would drop its last segment from "api/v2/detect".
        if (!service.AbsolutePath.EndsWith('/')) service = new Uri(service + "/");
        _options = options ?? new RecordPosterOptions();
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = service;
        _http.Timeout = _options.RequestTimeout;
        if (!string.IsNullOrEmpty(apiKey)) _http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        _batch = new List<PostedRecord>(_options.BatchSize);
        _queue = Channel.CreateBounded<PostedRecord[]>(new BoundedChannelOptions(_options.QueuedBatches)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full: the batch is dropped and counted, never waited for
        });
        _sender = Task.Run(SendLoopAsync);
        _flusher = Task.Run(FlushLoopAsync);
    }

    public Uri Service => _http.BaseAddress!;

    /// <summary>The error for an address that is not an absolute http(s) one (also for text that is no address at all).</summary>
    public static ArgumentException NotAServiceAddress(string address) =>
        new($"--post-to must be an http:// or https:// address of a NAD service (got '{address}').");

    /// <summary>What has happened so far (a snapshot).</summary>
    public PosterStats Stats => new(
        Interlocked.Read(ref _recordsSent), Interlocked.Read(ref _batchesSent), Interlocked.Read(ref _batchesDropped),
        Interlocked.Read(ref _recordsDropped), Interlocked.Read(ref _batchesRejected), Interlocked.Read(ref _failedAttempts), LastError);

    /// <summary>Batches dropped so far: one counter, cheap enough to read after every record.</summary>
    public long BatchesDropped => Interlocked.Read(ref _batchesDropped);

    /// <summary>The last failure (connection refused, an HTTP status and the service's detail), or null.</summary>
    public string? LastError { get; private set; }

    /// <summary>
    /// Adds a record to the current batch; a full batch is queued for sending. Never blocks on the network.
    /// <paramref name="connection"/> (hosts, ports, start time) goes along, so the service's alert keeps it.
    /// </summary>
    public void Add(ConnectionRecord record, ConnectionEndpoints? connection = null)
    {
        PostedRecord[]? full = null;
        lock (_lock)
        {
            _batch.Add(new PostedRecord(record, connection));
            if (_batch.Count >= _options.BatchSize) full = TakeBatch();
        }
        if (full is not null) Enqueue(full);
    }

    /// <summary>Queues the partial batch now (also done every <see cref="RecordPosterOptions.FlushInterval"/>).</summary>
    public void Flush()
    {
        PostedRecord[]? partial;
        lock (_lock) partial = _batch.Count > 0 ? TakeBatch() : null;
        if (partial is not null) Enqueue(partial);
    }

    /// <summary>Sends what is queued, waiting at most <paramref name="timeout"/>; what is left then counts as dropped.</summary>
    public async Task<PosterStats> CompleteAsync(TimeSpan timeout)
    {
        Flush();
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        if (await Task.WhenAny(_sender, Task.Delay(timeout)) != _sender) await _abandon.CancelAsync();
        await _sender;
        while (_queue.Reader.TryRead(out var left)) CountDropped(left);
        return Stats;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_queue.Reader.Completion.IsCompleted) await CompleteAsync(TimeSpan.Zero);
        try { await _flusher; } catch (OperationCanceledException) { }
        _http.Dispose();
        _stop.Dispose();
        _abandon.Dispose();
    }

    private PostedRecord[] TakeBatch()
    {
        var taken = _batch.ToArray();
        _batch = new List<PostedRecord>(_options.BatchSize);
        return taken;
    }

    private void Enqueue(PostedRecord[] batch)
    {
        if (!_queue.Writer.TryWrite(batch)) CountDropped(batch);
    }

    private void CountDropped(PostedRecord[] batch)
    {
        Interlocked.Increment(ref _batchesDropped);
        Interlocked.Add(ref _recordsDropped, batch.Length);
    }

    private async Task FlushLoopAsync()
    {
        using var timer = new PeriodicTimer(_options.FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) Flush();
        }
        catch (OperationCanceledException) { }
    }

    private async Task SendLoopAsync()
    {
        await foreach (var batch in _queue.Reader.ReadAllAsync())
        {
            var delay = _options.FirstRetryDelay;
            while (true)
            {
                if (_abandon.IsCancellationRequested)
                {
                    CountDropped(batch);
                    break;
                }
                var outcome = await SendAsync(batch);
                if (outcome == Outcome.Sent)
                {
                    Interlocked.Increment(ref _batchesSent);
                    Interlocked.Add(ref _recordsSent, batch.Length);
                    break;
                }
                if (outcome == Outcome.Rejected)
                {
                    Interlocked.Increment(ref _batchesRejected);
                    break;
                }
                Interlocked.Increment(ref _failedAttempts);
                // Back off while the service is down; the capture loop keeps going and drops what the queue cannot hold.
                try { await Task.Delay(delay, _abandon.Token); }
                catch (OperationCanceledException) { }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
            }
        }
    }

    private enum Outcome { Sent, Rejected, Failed }

    private async Task<Outcome> SendAsync(PostedRecord[] batch)
    {
        try
        {
            var json = new StringBuilder(batch.Length * 700).Append('[');
            for (var i = 0; i < batch.Length; i++)
            {
                if (i > 0) json.Append(',');
                json.Append(RecordJsonWriter.ToJson(batch[i].Record, batch[i].Connection));
            }
            json.Append(']');
            using var content = new StringContent(json.ToString(), Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync("api/v2/detect", content, _abandon.Token);
            if (response.IsSuccessStatusCode) return Outcome.Sent;
            var detail = await response.Content.ReadAsStringAsync(_abandon.Token);
            LastError = $"{(int)response.StatusCode} {response.ReasonPhrase}: {(detail.Length > 300 ? detail[..300] + "..." : detail)}";
            var retry = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500;
            return retry ? Outcome.Failed : Outcome.Rejected;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            LastError = e.Message;
            return Outcome.Failed;
        }
    }
}
