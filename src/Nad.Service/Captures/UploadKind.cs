namespace Nad.Service.Captures;

/// <summary>What an upload is, told by its first bytes (never by a name or content type the client sends).</summary>
public enum UploadKind
{
    Empty,
    Pcap,
    Pcapng,
    /// <summary>Text (or gzip): read as a Zeek conn.log, whose reader names what is wrong if it is not one.</summary>
    ZeekConnLog,
    Unknown,
}
