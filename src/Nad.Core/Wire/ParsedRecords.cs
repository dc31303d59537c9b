using Nad.Core.Records;

namespace Nad.Core.Wire;

/// <summary>
/// What a body of records held: the records (when every one was valid), whether it was an array, and per
/// record the optional "connection" object (hosts, ports, start time: stored with the record's alert);
/// Connections is null when no record had one.
/// </summary>
public sealed record ParsedRecords(IReadOnlyList<ConnectionRecord> Records, bool IsBatch, IReadOnlyList<ConnectionEndpoints?>? Connections = null);
