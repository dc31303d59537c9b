using Nad.Core.Records;
using Nad.Traffic.Packets;
using Nad.Traffic.Services;

namespace Nad.Traffic.Connections;

/// <summary>
/// Follows TCP and UDP connections packet by packet and turns each ICMP message into its own
/// record (NSL-KDD ICMP rows all have duration 0 and dst_bytes 0: one message each). Finished
/// connections wait in a reorder buffer and come out in start-time order. Memory is bounded:
/// connections end by timeout (or, past <see cref="TrackingSettings.MaxOpenConnections"/>, early),
/// and the buffer holds only <see cref="TrackingSettings.ReorderDelay"/> of capture time.
/// </summary>
public sealed class ConnectionTracker
{
    private readonly TrackingSettings settings;
    private readonly Dictionary<FlowKey, TrackedConnection> open = [];
    private readonly PriorityQueue<ConnectionSummary, long> finished = new();
    private readonly long tcpIdle, tcpAttempt, tcpClosed, udpIdle, reorderDelay;
    private long clock = long.MinValue;
    private long nextSweep = long.MinValue;
    private readonly FragmentTracker fragments = new();

    public ConnectionTracker(TrackingSettings? settings = null)
    {
        this.settings = settings ?? new TrackingSettings();
        tcpIdle = CaptureClock.Micros(this.settings.TcpIdleTimeout);
        tcpAttempt = CaptureClock.Micros(this.settings.TcpAttemptTimeout);
        tcpClosed = CaptureClock.Micros(this.settings.TcpClosedLinger);
        udpIdle = CaptureClock.Micros(this.settings.UdpIdleTimeout);
        reorderDelay = CaptureClock.Micros(this.settings.ReorderDelay);
    }

    public long ConnectionsEndedEarly { get; private set; }

    /// <summary>
    /// One captured frame, as both capture paths (file and live) take it: decoded and tracked.
    /// Returns <see cref="PacketSkipReason.None"/> when it was used, else why it was skipped.
    /// </summary>
    internal PacketSkipReason OnFrame(LinkKind link, ReadOnlySpan<byte> frame, long timeMicros)
    {
        var skip = PacketDecoder.Decode(link, frame, timeMicros, out var packet);
        if (skip == PacketSkipReason.None && !OnPacket(packet)) skip = PacketSkipReason.Fragment; // a later fragment whose first was never seen
        return skip;
    }

    /// <summary>Takes one decoded packet; false when it is a later fragment whose first fragment was never seen (a counted skip).</summary>
    public bool OnPacket(in DecodedPacket packet)
    {
        if (packet.TimeMicros > clock) clock = packet.TimeMicros;
        if (packet.IsLaterFragment)
        {
            if (!fragments.OnLater(packet)) return false;
        }
        else if (packet.IsIcmp)
        {
            var message = OnIcmp(packet);
            if (packet.MoreFragments) fragments.OnFirst(packet, null, message);
        }
        else
        {
            var key = FlowKey.Of(packet.SourceAddress, packet.SourcePort, packet.DestinationAddress, packet.DestinationPort, packet.Protocol);
            if (open.TryGetValue(key, out var connection) && StartsNewConnection(connection, packet))
            {
                open.Remove(key);
                Finish(connection);
                connection = null;
            }
            if (connection is null)
            {
                if (open.Count >= settings.MaxOpenConnections) EndLeastRecentlyActive();
                connection = Open(packet);
                open[key] = connection;
            }
            connection.OnPacket(packet);
            if (packet.MoreFragments) fragments.OnFirst(packet, connection, null);
        }
        if (clock >= nextSweep)
        {
            Sweep();
            nextSweep = clock + 1_000_000;
        }
        return true;
    }

    /// <summary>Moves the clock on without a packet (live capture on a quiet link), so idle connections still end.</summary>
    public void AdvanceTo(long micros)
    {
        if (micros <= clock) return;
        clock = micros;
        if (clock >= nextSweep)
        {
            Sweep();
            nextSweep = clock + 1_000_000;
        }
    }

    /// <summary>Finished connections whose start is older than the reorder delay, in start-time order.</summary>
    public void TakeReady(List<ConnectionSummary> into)
    {
        var horizon = clock - reorderDelay;
        while (finished.TryPeek(out _, out var start) && start <= horizon)
            into.Add(finished.Dequeue());
    }

    /// <summary>End of input: every open connection ends, and everything buffered comes out in start-time order.</summary>
    public void Flush(List<ConnectionSummary> into)
    {
        foreach (var connection in open.Values) Finish(connection);
        open.Clear();
        while (finished.Count > 0) into.Add(finished.Dequeue());
    }

    private bool StartsNewConnection(TrackedConnection connection, in DecodedPacket packet)
    {
        if (packet.TimeMicros - connection.LastMicros > Timeout(connection)) return true;
        // A fresh SYN on a closed or reset connection opens a new one (port reuse, scans, floods).
        return connection.IsTcp && connection.Tcp.IsTerminated
            && (packet.Flags & (TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Rst)) == TcpFlags.Syn;
    }

    private static TrackedConnection Open(in DecodedPacket packet)
    {
        // A SYN-ACK seen first means its receiver opened the connection (Zeek flips it the same way).
        var flipped = packet.Protocol == 6 && (packet.Flags & (TcpFlags.Syn | TcpFlags.Ack)) == (TcpFlags.Syn | TcpFlags.Ack);
        return flipped
            ? new TrackedConnection(packet.DestinationAddress, packet.DestinationPort, packet.SourceAddress, packet.SourcePort, packet.Protocol, packet.TimeMicros)
            : new TrackedConnection(packet.SourceAddress, packet.SourcePort, packet.DestinationAddress, packet.DestinationPort, packet.Protocol, packet.TimeMicros);
    }

    private long Timeout(TrackedConnection connection)
    {
        if (!connection.IsTcp) return udpIdle;
        if (connection.Tcp.IsTerminated) return tcpClosed;
        return connection.Tcp.IsAttempt ? tcpAttempt : tcpIdle;
    }

    private void Sweep()
    {
        fragments.Sweep(clock);
        List<FlowKey>? expired = null;
        foreach (var (key, connection) in open)
            if (clock - connection.LastMicros > Timeout(connection))
                (expired ??= []).Add(key);
        if (expired is null) return;
        foreach (var key in expired)
        {
            Finish(open[key]);
            open.Remove(key);
        }
    }

    private void EndLeastRecentlyActive()
    {
        // Rare (only past the bound): end the oldest tenth at once so this does not run per packet.
        var victims = open.OrderBy(p => p.Value.LastMicros).Take(Math.Max(1, open.Count / 10)).Select(p => p.Key).ToList();
        foreach (var key in victims)
        {
            Finish(open[key]);
            open.Remove(key);
            ConnectionsEndedEarly++;
        }
    }

    private void Finish(TrackedConnection connection)
    {
        var protocol = connection.IsTcp ? "tcp" : "udp";
        var flag = connection.Flag;
        var service = connection.Service;
        var logins = connection.Logins;
        var responderBytes = connection.ResponderBytes;
        var loggedIn = logins?.LoggedIn ?? FeatureAvailability.EstimateLoggedIn(flag, service, responderBytes);
        finished.Enqueue(new ConnectionSummary
        {
            Endpoints = new ConnectionEndpoints(CaptureClock.Time(connection.StartMicros),
                connection.OriginatorAddress, connection.OriginatorPort, connection.ResponderAddress, connection.ResponderPort),
            DurationMicros = connection.LastMicros - connection.StartMicros,
            Protocol = protocol,
            Service = service,
            Flag = flag,
            SourceBytes = connection.OriginatorBytes,
            DestinationBytes = responderBytes,
            Urgent = connection.Urgent,
            WrongFragments = connection.WrongFragments,
            FailedLogins = logins?.FailedLogins ?? 0,
            LoggedIn = loggedIn,
            GuestLogin = logins?.GuestLogin ?? false,
            NotObserved = FeatureAvailability.PcapNotObserved(protocol, service),
            Estimated = FeatureAvailability.PcapEstimated(protocol, service),
        }, connection.StartMicros);
    }

    private ConnectionSummary OnIcmp(in DecodedPacket packet)
    {
        var service = packet.Protocol == 58 ? ServiceMap.ForIcmpv6(packet.IcmpType, packet.IcmpCode) : ServiceMap.ForIcmp(packet.IcmpType, packet.IcmpCode);
        var message = new ConnectionSummary
        {
            // Zeek's convention: an ICMP "port" pair is type and code.
            Endpoints = new ConnectionEndpoints(CaptureClock.Time(packet.TimeMicros), packet.SourceAddress, packet.IcmpType, packet.DestinationAddress, packet.IcmpCode),
            Protocol = "icmp",
            Service = service,
            Flag = "SF",
            SourceBytes = packet.PayloadLength,
            NotObserved = FeatureAvailability.PcapNotObserved("icmp", service),
            Estimated = FeatureAvailability.None,
        };
        finished.Enqueue(message, packet.TimeMicros);
        return message;
    }
}
