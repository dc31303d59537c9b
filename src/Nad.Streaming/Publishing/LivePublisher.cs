using System.Threading.Channels;
using NATS.Client.JetStream;
using Nad.Alerts;
using Nad.Core.Records;
using Nad.Streaming.Connecting;
using Nad.Streaming.Messages;

namespace Nad.Streaming.Publishing;

/// <summary>
/// Publishes records that arrive one at a time (a live capture, <c>nad watch --publish-to</c>) in messages of
/// up to <see cref="RecordMessages.RecordsPerMessage"/> records, flushed at the latest <see cref="Linger"/>
/// after a message's first record so a quiet link does not hold records back. The capture never waits for
/// NATS: records go through a bounded queue, and what does not fit, or what a publish finally fails to
/// deliver, is counted as dropped (never silently). Ids are <c>source/key/position</c> as for files, with a
/// fresh key per capture session. Used by <c>nad watch --publish-to</c> and <c>nad publish --interface</c>.
/// </summary>
public sealed class LivePublisher : IAsyncDisposable
{
    private readonly RecordPublisher _publisher;
    private readonly string _source;
    private readonly Channel<(ConnectionRecord Record, ConnectionEndpoints? Connection)> _queue;
    private readonly Task _loop;
    private long _position, _published, _messages, _dropped;

    public LivePublisher(INatsJSContext js, string subject, string source, string key, TimeSpan linger, int capacity = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(linger, TimeSpan.Zero);
        _publisher = new RecordPublisher(js, subject);
        _source = source;
        Key = key;
        Linger = linger;
        _queue = Channel.CreateBounded<(ConnectionRecord, ConnectionEndpoints?)>(
            new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Connects to NATS at <paramref name="url"/>, creates the record stream when missing, and returns a publisher
    /// that owns the connection, with ids <c>source/live-&lt;random&gt;/position</c> and a 1 s linger.
    /// </summary>
    public static async Task<LivePublisher> ConnectAsync(string url, string clientName, string subject, string source, RecordStreams.Settings streams,
        CancellationToken cancellationToken)
    {
        var connection = await NatsEndpoint.ConnectAsync(url, clientName, cancellationToken);
        try
        {
            var js = NatsEndpoint.JetStream(connection);
            await RecordStreams.EnsureStreamsAsync(js, streams, cancellationToken);
            return new LivePublisher(js, subject, source, "live-" + RecordIds.NewRequestKey(), TimeSpan.FromSeconds(1)) { Connection = connection };
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public string Source => _source;
    public string Key { get; }
    public TimeSpan Linger { get; }
    public long Published => Interlocked.Read(ref _published);
    public long Messages => Interlocked.Read(ref _messages);
    public long Dropped => Interlocked.Read(ref _dropped);
    public string? LastError { get; private set; }

    /// <summary>Queues one record; false (and counted as dropped) when the queue is full.</summary>
    public bool Add(ConnectionRecord record, ConnectionEndpoints? connection)
    {
        if (_queue.Writer.TryWrite((record, connection))) return true;
        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Publishes what is queued and stops; records still queued after <paramref name="timeout"/> are counted as dropped.</summary>
    public async Task CompleteAsync(TimeSpan timeout)
    {
        _queue.Writer.TryComplete();
        if (await Task.WhenAny(_loop, Task.Delay(timeout)) != _loop)
            Interlocked.Add(ref _dropped, _queue.Reader.Count);
    }

    /// <summary>The NATS connection the publisher owns, if any: disposed after the last publish.</summary>
    public IAsyncDisposable? Connection { get; init; }

    public async ValueTask DisposeAsync()
    {
        await CompleteAsync(TimeSpan.FromSeconds(10));
        if (Connection is not null) await Connection.DisposeAsync();
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var records = new List<ConnectionRecord>(RecordMessages.RecordsPerMessage);
        var connections = new List<ConnectionEndpoints?>(RecordMessages.RecordsPerMessage);
        while (await reader.WaitToReadAsync())
        {
            var deadline = DateTime.UtcNow + Linger;
            while (records.Count < RecordMessages.RecordsPerMessage)
            {
                while (records.Count < RecordMessages.RecordsPerMessage && reader.TryRead(out var item))
                {
                    records.Add(item.Record);
                    connections.Add(item.Connection);
                }
                var left = deadline - DateTime.UtcNow;
                if (records.Count >= RecordMessages.RecordsPerMessage || left <= TimeSpan.Zero) break;
                using var wait = new CancellationTokenSource(left);
                try
                {
                    if (!await reader.WaitToReadAsync(wait.Token)) break; // completed: publish the rest
                }
                catch (OperationCanceledException)
                {
                    break; // linger over: publish what there is
                }
            }
            if (records.Count > 0) await FlushAsync(records, connections);
        }
    }

    private async Task FlushAsync(List<ConnectionRecord> records, List<ConnectionEndpoints?> connections)
    {
        var batch = new RecordBatch(_source, Key, _position, records.ToArray(),
            connections.Any(c => c is not null) ? connections.ToArray() : null);
        try
        {
            await _publisher.PublishAsync(batch, CancellationToken.None);
            Interlocked.Add(ref _published, records.Count);
            Interlocked.Increment(ref _messages);
        }
        catch (Exception e)
        {
            // NATS gone past the publisher's retries: the capture goes on, the loss is counted and named.
            Interlocked.Add(ref _dropped, records.Count);
            LastError = e.Message;
        }
        _position += records.Count;
        records.Clear();
        connections.Clear();
    }
}
