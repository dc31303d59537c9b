using NATS.Client.Core;
using NATS.Client.JetStream;
using Nad.Core.Records;
using Nad.Streaming.Messages;

namespace Nad.Streaming.Publishing;

/// <summary>
/// Publishes records to JetStream, <see cref="RecordMessages.RecordsPerMessage"/> a message, each with its
/// first record id as MsgId: the stream drops a message it has seen within its duplicate window, so a
/// publish retried after a lost acknowledgement, or the same file published again, is not scored twice.
/// While a cluster elects a new stream leader a publish gets no answer; it is retried with backoff (same
/// MsgId, so safe) for up to <see cref="RetryFor"/>.
/// </summary>
public sealed class RecordPublisher(INatsJSContext js, string subject)
{
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Publishes <paramref name="records"/> (with hosts and ports where known) under ids <c>source/key/position</c>, position from 0.</summary>
    public async Task<PublishSummary> PublishAsync(IEnumerable<(ConnectionRecord Record, ConnectionEndpoints? Connection)> records, string source, string key,
        CancellationToken cancellationToken, IProgress<long>? progress = null)
    {
        var batch = new List<ConnectionRecord>(RecordMessages.RecordsPerMessage);
        var connections = new List<ConnectionEndpoints?>(RecordMessages.RecordsPerMessage);
        var anyConnection = false;
        long position = 0, total = 0;
        int messages = 0, duplicates = 0, retries = 0;
        foreach (var (record, connection) in records)
        {
            batch.Add(record);
            connections.Add(connection);
            anyConnection |= connection is not null;
            if (batch.Count == RecordMessages.RecordsPerMessage) await FlushAsync();
        }
        if (batch.Count > 0) await FlushAsync();
        return new PublishSummary(total, messages, duplicates, retries);

        async Task FlushAsync()
        {
            var message = new RecordBatch(source, key, position, batch.ToArray(), anyConnection ? connections.ToArray() : null);
            var (duplicate, tries) = await PublishAsync(message, cancellationToken);
            duplicates += duplicate ? 1 : 0;
            retries += tries;
            messages++;
            position += batch.Count;
            total += batch.Count;
            progress?.Report(total);
            batch.Clear();
            connections.Clear();
            anyConnection = false;
        }
    }

    /// <summary>Publishes one message; true when the stream already had it (a duplicate), and how many retries it took.</summary>
    public async Task<(bool Duplicate, int Retries)> PublishAsync(RecordBatch batch, CancellationToken cancellationToken)
    {
        var (body, headers) = RecordMessages.Encode(batch);
        var deadline = DateTime.UtcNow + RetryFor;
        var wait = TimeSpan.FromMilliseconds(100);
        for (var retries = 0; ; retries++)
        {
            try
            {
                var ack = await js.PublishAsync(subject, body, headers: headers, opts: new NatsJSPubOpts { MsgId = batch.MessageId }, cancellationToken: cancellationToken);
                if (ack.Duplicate) return (true, retries); // before EnsureSuccess, which throws NatsJSDuplicateMessageException for it
                ack.EnsureSuccess();
                return (false, retries);
            }
            catch (NatsJSDuplicateMessageException)
            {
                return (true, retries);
            }
            catch (Exception e) when (IsTransient(e) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(wait, cancellationToken);
                wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds * 2, 2000));
            }
        }
    }

    /// <summary>No answer while a leader is elected or a server restarts: worth another try with the same MsgId.</summary>
    private static bool IsTransient(Exception e) =>
        e is NatsJSApiNoResponseException or NatsJSPublishNoResponseException or NatsNoRespondersException or NatsNoReplyException or NatsJSTimeoutException
            or TimeoutException or NatsJSConnectionException or NatsConnectionFailedException
        || e is NatsJSApiException { Error.Code: 503 };
}
