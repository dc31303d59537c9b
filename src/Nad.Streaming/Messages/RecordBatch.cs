using Nad.Alerts;
using Nad.Core.Records;

namespace Nad.Streaming.Messages;

/// <summary>
/// Records that travel in one message: their ids are <c>Source/Key/(First + i)</c> (<see cref="RecordIds"/>),
/// so the first id names the message (its MsgId) and a retried publish of it is a duplicate.
/// <see cref="Connections"/> holds hosts, ports and start time per record (null where unknown), or is null.
/// </summary>
public sealed record RecordBatch(string Source, string Key, long First, IReadOnlyList<ConnectionRecord> Records, IReadOnlyList<ConnectionEndpoints?>? Connections)
{
    public string RecordId(int index) => RecordIds.For(Source, Key, First + index);

    public string MessageId => RecordId(0);
}
