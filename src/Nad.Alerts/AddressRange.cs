using Nad.Core.Records;

namespace Nad.Alerts;

/// <summary>
/// A CIDR block (<c>10.0.0.0/8</c>, <c>2001:db8::/32</c>) over <see cref="HostAddress"/>'s 128 bits: an IPv4 block
/// counts its prefix after the 96 bits of the IPv4-mapped prefix, so IPv4 hosts match IPv4 blocks only.
/// </summary>
public readonly record struct AddressRange(HostAddress Network, int PrefixBits)
{
    public static bool TryParse(string text, out AddressRange range)
    {
        range = default;
        var slash = text.IndexOf('/');
        if (slash <= 0 || !HostAddress.TryParse(text[..slash], out var address)) return false;
        var maxBits = address.IsIpv4 ? 32 : 128;
        if (!int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bits)
            || bits < 0 || bits > maxBits) return false;
        var prefix = address.IsIpv4 ? bits + 96 : bits;
        range = new AddressRange(Mask(address, prefix), prefix);
        return true;
    }

    public bool Contains(HostAddress address) => Mask(address, PrefixBits) == Network;

    private static HostAddress Mask(HostAddress address, int bits)
    {
        var high = bits >= 64 ? ulong.MaxValue : bits == 0 ? 0 : ulong.MaxValue << (64 - bits);
        var low = bits <= 64 ? 0 : bits >= 128 ? ulong.MaxValue : ulong.MaxValue << (128 - bits);
        return new HostAddress(address.High & high, address.Low & low);
    }

    public override string ToString() => $"{Network}/{(Network.IsIpv4 ? PrefixBits - 96 : PrefixBits)}";
}
