namespace Nad.Traffic.Connections;

/// <summary>How <see cref="ConnectionTracker"/> follows connections: timeouts (Zeek's where it has one), the reorder delay, the bound on open connections.</summary>
public sealed record TrackingSettings
{
    /// <summary>An established or mid-stream TCP connection with no packet for this long ends (Zeek: 5 min).</summary>
    public TimeSpan TcpIdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>An unanswered (or half-open) TCP attempt ends after this long without packets.</summary>
    public TimeSpan TcpAttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After FIN from both sides or a RST, late packets still join the connection for this long (Zeek: 5 s).</summary>
    public TimeSpan TcpClosedLinger { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A UDP flow with no packet for this long ends (Zeek: 1 min).</summary>
    public TimeSpan UdpIdleTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Finished connections wait this long (in capture time) before entering the windows, so that
    /// they enter in start-time order; a connection lasting longer enters late, at the current window.
    /// </summary>
    public TimeSpan ReorderDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Upper bound on connections followed at once; past it the least recently active are ended early.</summary>
    public int MaxOpenConnections { get; init; } = 1_000_000;
}
