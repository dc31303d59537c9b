namespace Nad.Alerts.Export;

/// <summary>A syslog server (<see cref="SyslogSink"/>): RFC 5424 messages over UDP (one a datagram) or TCP (octet counting, RFC 6587).</summary>
public sealed class SyslogSinkSettings
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 514;

    /// <summary><c>udp</c> (at most once) or <c>tcp</c> (at least once: reconnects and resends).</summary>
    public string Transport { get; set; } = "udp";

    /// <summary>Syslog facility, 0-23 (default 4, security/authorization).</summary>
    public int Facility { get; set; } = 4;

    /// <summary>The APP-NAME field.</summary>
    public string AppName { get; set; } = "nad";

    /// <summary>TCP only: how reconnecting after a failure is retried.</summary>
    public RetrySettings Retry { get; set; } = new();

    public bool IsTcp => Transport.Equals("tcp", StringComparison.OrdinalIgnoreCase);

    internal IEnumerable<string> Problems(string at)
    {
        if (string.IsNullOrWhiteSpace(Host)) yield return RetrySettings.Problem(at, "Host", Host, "a host name or address");
        if (Port is < 1 or > 65535) yield return RetrySettings.Problem(at, "Port", Port, "between 1 and 65535");
        if (!IsTcp && !Transport.Equals("udp", StringComparison.OrdinalIgnoreCase)) yield return RetrySettings.Problem(at, "Transport", Transport, "udp or tcp");
        if (Facility is < 0 or > 23) yield return RetrySettings.Problem(at, "Facility", Facility, "between 0 and 23");
        if (AppName.Length is 0 or > 48 || AppName.Any(c => c is <= ' ' or > '~'))
            yield return RetrySettings.Problem(at, "AppName", AppName, "1 to 48 printable ASCII characters without spaces (RFC 5424)");
        foreach (var problem in Retry.Problems(at + ":Retry")) yield return problem;
    }
}
