using Nad.Core.Records;
using Nad.Traffic.Content;
using Nad.Traffic.Packets;
using Nad.Traffic.Services;

namespace Nad.Traffic.Connections;

/// <summary>One TCP or UDP connection being followed: who opened it, its state, its byte counts.</summary>
public sealed class TrackedConnection
{
    public TrackedConnection(HostAddress originatorAddress, ushort originatorPort, HostAddress responderAddress, ushort responderPort, byte protocol, long startMicros)
    {
        OriginatorAddress = originatorAddress;
        OriginatorPort = originatorPort;
        ResponderAddress = responderAddress;
        ResponderPort = responderPort;
        Protocol = protocol;
        StartMicros = startMicros;
        LastMicros = startMicros;
        Service = ServiceMap.ForPorts(protocol, originatorPort, responderPort);
        Logins = protocol == 6 ? LoginAnalyzer.For(Service) : null;
    }

    public HostAddress OriginatorAddress { get; }
    public ushort OriginatorPort { get; }
    public HostAddress ResponderAddress { get; }
    public ushort ResponderPort { get; }
    public byte Protocol { get; }
    public string Service { get; }
    public long StartMicros { get; private set; }
    public long LastMicros { get; private set; }
    public int Urgent { get; private set; }
    /// <summary>Overlapping or oversized fragments of this connection's datagrams (counted by <see cref="FragmentTracker"/>).</summary>
    public int WrongFragments { get; internal set; }
    public LoginAnalyzer? Logins { get; }
    public TcpStateMachine Tcp;
    private SequenceSpan originatorSequence;
    private SequenceSpan responderSequence;
    private long originatorUdpBytes;
    private long responderUdpBytes;

    public bool IsTcp => Protocol == 6;
    public long OriginatorBytes => IsTcp ? originatorSequence.Bytes : originatorUdpBytes;
    public long ResponderBytes => IsTcp ? responderSequence.Bytes : responderUdpBytes;

    public bool IsFromOriginator(in DecodedPacket packet) =>
        packet.SourceAddress == OriginatorAddress && packet.SourcePort == OriginatorPort;

    public void OnPacket(in DecodedPacket packet)
    {
        if (packet.TimeMicros < StartMicros) StartMicros = packet.TimeMicros;
        if (packet.TimeMicros > LastMicros) LastMicros = packet.TimeMicros;
        var fromOriginator = IsFromOriginator(packet);
        if (!IsTcp)
        {
            if (fromOriginator) originatorUdpBytes += packet.PayloadLength;
            else responderUdpBytes += packet.PayloadLength;
            return;
        }
        var flags = packet.Flags;
        Tcp.OnPacket(fromOriginator, flags, packet.PayloadLength);
        if ((flags & TcpFlags.Urg) != 0) Urgent++;
        if ((flags & TcpFlags.Rst) == 0)
        {
            var syn = (flags & TcpFlags.Syn) != 0;
            if (fromOriginator) originatorSequence.OnSegment(packet.Sequence, syn, packet.PayloadLength);
            else responderSequence.OnSegment(packet.Sequence, syn, packet.PayloadLength);
        }
        if (Logins is not null && !packet.Payload.IsEmpty) Logins.OnPayload(fromOriginator, packet.Payload);
    }

    /// <summary>The NSL-KDD flag: from the TCP state machine; always SF for UDP (as in all NSL-KDD udp rows).</summary>
    public string Flag => IsTcp ? Tcp.Flag(OriginatorBytes, ResponderBytes) : "SF";
}
