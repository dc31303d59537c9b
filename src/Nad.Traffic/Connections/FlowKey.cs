namespace Nad.Traffic.Connections;

/// <summary>A connection's 5-tuple with the two endpoints in a fixed order, so both directions find the same entry.</summary>
public readonly record struct FlowKey(uint LowAddress, ushort LowPort, uint HighAddress, ushort HighPort, byte Protocol)
{
    public static FlowKey Of(uint sourceAddress, ushort sourcePort, uint destinationAddress, ushort destinationPort, byte protocol) =>
        sourceAddress < destinationAddress || (sourceAddress == destinationAddress && sourcePort <= destinationPort)
            ? new FlowKey(sourceAddress, sourcePort, destinationAddress, destinationPort, protocol)
            : new FlowKey(destinationAddress, destinationPort, sourceAddress, sourcePort, protocol);
}
