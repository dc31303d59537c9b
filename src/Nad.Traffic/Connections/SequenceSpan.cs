namespace Nad.Traffic.Connections;

/// <summary>
/// Payload bytes one TCP side sent, from sequence numbers (highest end minus the first
/// sequence number), as Zeek counts them: retransmissions are not counted twice.
/// </summary>
public struct SequenceSpan
{
    private bool started;
    private bool synSeen;
    private uint first;
    private uint end;

    public void OnSegment(uint sequence, bool syn, int payloadLength)
    {
        if (syn)
        {
            if (!synSeen && (!started || Bytes == 0))
            {
                first = sequence + 1;
                end = first;
                started = true;
                synSeen = true;
            }
            return;
        }
        if (!started)
        {
            first = sequence;
            end = sequence;
            started = true;
        }
        else if (!synSeen && (int)(sequence - first) < 0)
        {
            // Seen mid-stream and this segment is older than the first one we saw.
            first = sequence;
        }
        var segmentEnd = sequence + (uint)payloadLength;
        if ((int)(segmentEnd - end) > 0) end = segmentEnd;
    }

    public readonly long Bytes
    {
        get
        {
            if (!started) return 0;
            var span = (int)(end - first);
            return span > 0 ? span : 0;
        }
    }
}
