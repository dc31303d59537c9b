using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Nad.Streaming.Messages;

namespace Nad.Streaming.Connecting;

/// <summary>
/// Creates what publishers and workers share when it is missing (an existing stream or consumer is left as
/// its operator set it): the record stream (work-queue retention: a message is gone once a worker has
/// acknowledged it; a duplicate window for publish de-duplication), its dead-letter stream, and the durable
/// pull consumer the workers share (explicit ack, AckWait redelivery, MaxDeliver).
/// </summary>
public static class RecordStreams
{
    public sealed record Settings(string Stream = StreamNames.DefaultStream, int Replicas = 1)
    {
        public TimeSpan DuplicateWindow { get; init; } = TimeSpan.FromMinutes(10);
        public string Consumer { get; init; } = StreamNames.DefaultConsumer;
        public TimeSpan AckWait { get; init; } = TimeSpan.FromSeconds(30);
        public int MaxDeliver { get; init; } = 5;
    }

    public static async Task EnsureStreamsAsync(INatsJSContext js, Settings settings, CancellationToken cancellationToken)
    {
        await EnsureAsync(js, new StreamConfig(settings.Stream, [StreamNames.RecordSubjectPrefix + ">"])
        {
            Retention = StreamConfigRetention.Workqueue,
            Storage = StreamConfigStorage.File,
            NumReplicas = settings.Replicas,
            DuplicateWindow = settings.DuplicateWindow,
        }, cancellationToken);
        await EnsureAsync(js, new StreamConfig(StreamNames.DeadLetterStream(settings.Stream), [StreamNames.DeadLetterSubject(settings.Stream)])
        {
            Storage = StreamConfigStorage.File,
            NumReplicas = settings.Replicas,
        }, cancellationToken);
    }

    public static async Task<INatsJSConsumer> EnsureConsumerAsync(INatsJSContext js, Settings settings, CancellationToken cancellationToken)
    {
        await EnsureStreamsAsync(js, settings, cancellationToken);
        try
        {
            return await js.GetConsumerAsync(settings.Stream, settings.Consumer, cancellationToken);
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            return await js.CreateOrUpdateConsumerAsync(settings.Stream, new ConsumerConfig(settings.Consumer)
            {
                AckPolicy = ConsumerConfigAckPolicy.Explicit,
                AckWait = settings.AckWait,
                MaxDeliver = settings.MaxDeliver,
                MaxAckPending = 64,
                NumReplicas = settings.Replicas,
            }, cancellationToken);
        }
    }

    private static async Task EnsureAsync(INatsJSContext js, StreamConfig config, CancellationToken cancellationToken)
    {
        try
        {
            await js.GetStreamAsync(config.Name!, cancellationToken: cancellationToken);
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            try
            {
                await js.CreateStreamAsync(config, cancellationToken);
            }
            catch (NatsJSApiException raced) when (raced.Error.ErrCode == 10058) { } // created by another process meanwhile (stream name in use)
        }
    }
}
