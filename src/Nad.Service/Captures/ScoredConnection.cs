using Nad.Service.Scoring;
using Nad.Traffic.Extraction;

namespace Nad.Service.Captures;

/// <summary>One scored connection as the answer shows it.</summary>
public sealed record ScoredConnection(
    DateTimeOffset Start,
    string Source,
    int SourcePort,
    string Destination,
    int DestinationPort,
    string Protocol,
    string Service,
    string Flag,
    IReadOnlyList<string> NotObserved,
    IReadOnlyList<string> Estimated,
    string Verdict,
    string[] FlaggedBy,
    SupervisedResult Supervised,
    UnsupervisedResult? Unsupervised)
{
    public static ScoredConnection From(ExtractedConnection c, DetectResult r) => new(
        c.StartTime, c.SourceAddress, c.SourcePort, c.DestinationAddress, c.DestinationPort,
        c.Record.ProtocolType, c.Record.Service, c.Record.Flag, c.NotObserved, c.Estimated,
        r.Verdict, r.FlaggedBy, r.Supervised, r.Unsupervised);
}
