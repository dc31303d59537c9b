using System.Buffers.Binary;

namespace Nad.Service.Captures;

/// <summary>Tells an upload's kind from its first bytes: the pcap and pcapng magic numbers, gzip, else text or not.</summary>
public static class UploadKinds
{
    public static UploadKind Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0) return UploadKind.Empty;
        if (head.Length >= 4)
        {
            switch (BinaryPrimitives.ReadUInt32LittleEndian(head))
            {
                case 0xA1B2C3D4 or 0xD4C3B2A1 or 0xA1B23C4D or 0x4D3CB2A1: return UploadKind.Pcap;
                case 0x0A0D0D0A: return UploadKind.Pcapng;
            }
        }
        if (head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B) return UploadKind.ZeekConnLog; // gzip: the reader unpacks it
        foreach (var b in head)
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r')) return UploadKind.Unknown;
        return UploadKind.ZeekConnLog;
    }
}
