namespace Nad.Traffic.Connections;

/// <summary>Zeek's TCP endpoint states, from which the connection flag is read.</summary>
public enum TcpEndpointState
{
    Inactive,
    SynSent,
    SynAckSent,
    /// <summary>Seen mid-stream (no SYN from this side).</summary>
    Partial,
    Established,
    Closed,
    Reset,
}
