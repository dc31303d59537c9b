using Nad.Traffic.Packets;

namespace Nad.Traffic.Connections;

/// <summary>
/// Follows both endpoints of a TCP connection the way Zeek does and reads the NSL-KDD flag
/// from them in Zeek's <c>conn_state</c> order (RST by the responder, RST by the originator,
/// both closed, originator closed, responder closed, S0, S1, else OTH). RSTRH and SHR, which
/// never occur in NSL-KDD, become OTH.
/// </summary>
public struct TcpStateMachine
{
    public TcpEndpointState Originator;
    public TcpEndpointState Responder;
    // For RSTOS0 (Zeek history ^S[^HAFGIQ]*R): the originator opened with a SYN and sent no
    // SYN-ACK, pure ACK or FIN before its RST.
    private bool originatorOpenedWithSyn;
    private bool originatorSentHandshakeOrClose;
    private bool originatorSentAnything;

    public void OnPacket(bool fromOriginator, TcpFlags flags, int payloadLength)
    {
        ref var self = ref fromOriginator ? ref Originator : ref Responder;
        ref var peer = ref fromOriginator ? ref Responder : ref Originator;
        var syn = (flags & TcpFlags.Syn) != 0;
        var ack = (flags & TcpFlags.Ack) != 0;
        var fin = (flags & TcpFlags.Fin) != 0;
        var rst = (flags & TcpFlags.Rst) != 0;

        if (fromOriginator)
        {
            if (!originatorSentAnything) originatorOpenedWithSyn = syn && !ack;
            originatorSentAnything = true;
            if (!rst && ((syn && ack) || fin || (ack && !syn && payloadLength == 0)))
                originatorSentHandshakeOrClose = true;
        }

        if (rst)
        {
            self = TcpEndpointState.Reset;
            return;
        }
        if (self == TcpEndpointState.Reset) return;

        if (syn)
        {
            if (self is TcpEndpointState.Inactive or TcpEndpointState.Partial)
                self = ack ? TcpEndpointState.SynAckSent : TcpEndpointState.SynSent;
        }
        else if (self == TcpEndpointState.Inactive)
        {
            self = TcpEndpointState.Partial;
        }

        // The originator's ACK of the SYN-ACK (or its first data) completes the handshake.
        if (!syn && ack && self == TcpEndpointState.SynSent && peer == TcpEndpointState.SynAckSent)
        {
            self = TcpEndpointState.Established;
            peer = TcpEndpointState.Established;
        }

        if (fin) self = TcpEndpointState.Closed;
    }

    /// <summary>True once either side has reset or both have closed: a new SYN then starts a new connection.</summary>
    public readonly bool IsTerminated =>
        Originator == TcpEndpointState.Reset || Responder == TcpEndpointState.Reset
        || (Originator == TcpEndpointState.Closed && Responder == TcpEndpointState.Closed);

    /// <summary>True before any reply has come back to the originator's SYN (or only the half-open SYN-ACK).</summary>
    public readonly bool IsAttempt => Originator == TcpEndpointState.SynSent && (Responder is TcpEndpointState.Inactive or TcpEndpointState.SynAckSent);

    public readonly string Flag(long originatorBytes, long responderBytes)
    {
        var os = Originator;
        var rs = Responder;
        var originatorInactive = os is TcpEndpointState.Inactive or TcpEndpointState.Partial;
        var responderInactive = rs is TcpEndpointState.Inactive or TcpEndpointState.Partial;

        if (rs == TcpEndpointState.Reset)
        {
            if (os is TcpEndpointState.SynSent or TcpEndpointState.SynAckSent
                || (os == TcpEndpointState.Reset && originatorBytes == 0 && responderBytes == 0))
                return "REJ";
            return originatorInactive ? "OTH" /* RSTRH */ : "RSTR";
        }
        if (os == TcpEndpointState.Reset)
        {
            if (!responderInactive) return "RSTO";
            return originatorOpenedWithSyn && !originatorSentHandshakeOrClose ? "RSTOS0" : "OTH";
        }
        if (rs == TcpEndpointState.Closed && os == TcpEndpointState.Closed) return "SF";
        if (os == TcpEndpointState.Closed) return responderInactive ? "SH" : "S2";
        if (rs == TcpEndpointState.Closed) return originatorInactive ? "OTH" /* SHR */ : "S3";
        if (os == TcpEndpointState.SynSent && rs == TcpEndpointState.Inactive) return "S0";
        // Half-open (SYN, SYN-ACK, never completed): Zeek says OTH, but NSL-KDD's SYN floods
        // (neptune) are S0, and OTH would hide a flood from serror_rate. Follow the data.
        if (os == TcpEndpointState.SynSent && rs == TcpEndpointState.SynAckSent) return "S0";
        if (os == TcpEndpointState.Established && rs == TcpEndpointState.Established) return "S1";
        return "OTH";
    }
}
