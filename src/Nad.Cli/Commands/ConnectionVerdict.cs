using System.Text.Json.Serialization;
using Nad.Core.Records;
using Nad.Traffic.Connections;

namespace Nad.Cli.Commands;

/// <summary>
/// One scored connection from traffic as <c>nad predict --pcap/--zeek</c> (table, --json) and
/// <c>nad watch --json</c> print it: the extracted connection and its verdict, under the output's flat
/// names (time, source, sourcePort, ...). <see cref="NotObserved"/> is left out when not wanted (watch);
/// <see cref="Family"/> is set only by a family model (the decided family, as <c>predict --data</c> gives it).
/// </summary>
internal sealed class ConnectionVerdict(ExtractedConnection connection, bool isAttack, double score, bool withNotObserved = true, string? family = null)
{
    private readonly ConnectionEndpoints _endpoints = connection.Endpoints;

    public DateTimeOffset Time => _endpoints.StartTime;
    public HostAddress Source => _endpoints.SourceAddress;
    public int SourcePort => _endpoints.SourcePort;
    public HostAddress Destination => _endpoints.DestinationAddress;
    public int DestinationPort => _endpoints.DestinationPort;
    public string Protocol => connection.Record.ProtocolType;
    public string Service => connection.Record.Service;
    public string Flag => connection.Record.Flag;
    public string Verdict => isAttack ? "attack" : "normal";
    public double Score => score;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Family => family;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? NotObserved => withNotObserved ? connection.NotObserved : null;
}
