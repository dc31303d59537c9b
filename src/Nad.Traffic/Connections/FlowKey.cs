using Nad.Core.Records;

namespace Nad.Traffic.Connections;

/// <summary>A connection's 5-tuple with the two endpoints in a fixed order, so both directions find the same entry.</summary>
public readonly record struct FlowKey(HostAddress LowAddress, ushort LowPort, HostAddress HighAddress, ushort HighPort, byte Protocol)
{
    public static FlowKey Of(HostAddress sourceAddress, ushort sourcePort, HostAddress destinationAddress, ushort destinationPort, byte protocol)
    {
        var order = sourceAddress.CompareTo(destinationAddress);
        return order < 0 || (order == 0 && sourcePort <= destinationPort)
            ? new FlowKey(sourceAddress, sourcePort, destinationAddress, destinationPort, protocol)
            : new FlowKey(destinationAddress, destinationPort, sourceAddress, sourcePort, protocol);
    }

    public bool Equals(FlowKey other) =>
        LowAddress.Low == other.LowAddress.Low && HighAddress.Low == other.HighAddress.Low && LowPort == other.LowPort
        && HighPort == other.HighPort && Protocol == other.Protocol
        && LowAddress.High == other.LowAddress.High && HighAddress.High == other.HighAddress.High;

    // Called once per packet: a multiply-xor mix of the words instead of the record's field-by-field comparer hashing.
    public override int GetHashCode()
    {
        var h = (LowAddress.Low * 0x9E37_79B9_7F4A_7C15) ^ (HighAddress.Low * 0xC2B2_AE3D_27D4_EB4F)
            ^ ((ulong)LowPort << 40 | (ulong)HighPort << 16 | Protocol);
        h ^= (LowAddress.High ^ (HighAddress.High >> 1)) * 0x1656_67B1_9E37_79F9;
        return (int)(h ^ (h >> 32));
    }
}
