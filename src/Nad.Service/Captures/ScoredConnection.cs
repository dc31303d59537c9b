using Nad.Core.Records;
using Nad.Service.Scoring;
using Nad.Traffic.Connections;

namespace Nad.Service.Captures;

/// <summary>
/// One scored connection as the score-capture answer shows it: the extracted connection and its
/// verdicts, written flat under the answer's names (start, source, sourcePort, ...) straight from them.
/// </summary>
public sealed class ScoredConnection(ExtractedConnection connection, DetectResult result)
{
    private readonly ConnectionEndpoints _endpoints = connection.Endpoints;

    public DateTimeOffset Start => _endpoints.StartTime;
    public HostAddress Source => _endpoints.SourceAddress;
    public int SourcePort => _endpoints.SourcePort;
    public HostAddress Destination => _endpoints.DestinationAddress;
    public int DestinationPort => _endpoints.DestinationPort;
    public string Protocol => connection.Record.ProtocolType;
    public string Service => connection.Record.Service;
    public string Flag => connection.Record.Flag;
    public IReadOnlyList<string> NotObserved => connection.NotObserved;
    public IReadOnlyList<string> Estimated => connection.Estimated;
    public string Verdict => result.Verdict;
    public string[] FlaggedBy => result.FlaggedBy;
    public SupervisedResult Supervised => result.Supervised;
    public UnsupervisedResult? Unsupervised => result.Unsupervised;
}
