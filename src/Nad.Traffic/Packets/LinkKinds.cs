namespace Nad.Traffic.Packets;

/// <summary>Maps a capture's link type number to a <see cref="LinkKind"/>.</summary>
public static class LinkKinds
{
    public static LinkKind? FromLinkType(int linkType) => linkType switch
    {
        1 => LinkKind.Ethernet,
        101 or 12 or 14 or 228 => LinkKind.RawIp,
        113 => LinkKind.LinuxCooked,
        0 => LinkKind.Null,
        _ => null,
    };
}
