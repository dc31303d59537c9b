namespace Nad.Core.Records;

/// <summary>
/// Where a record from real traffic came from: when its connection started (capture time) and who
/// talked to whom (the source opened it; for ICMP the "ports" are the message's type and code, as
/// Zeek writes them). It travels beside the <see cref="ConnectionRecord"/>, never inside it (NSL-KDD
/// rows have none): from extraction to the CLI's tables, the API's answers and the stored alerts.
/// A value type, so extraction adds no allocation per record; addresses are formatted only where printed.
/// </summary>
public readonly record struct ConnectionEndpoints(
    DateTimeOffset StartTime,
    HostAddress SourceAddress,
    int SourcePort,
    HostAddress DestinationAddress,
    int DestinationPort);
