using Nad.Core.Records;

namespace Nad.Traffic.Connections;

/// <summary>
/// A connection record built from traffic, with what a user needs to act on an alert:
/// when it started, who talked to whom, and which features the verdict does not rest on.
/// </summary>
public sealed record ExtractedConnection(
    ConnectionRecord Record,
    ConnectionEndpoints Endpoints,
    IReadOnlyList<string> NotObserved,
    IReadOnlyList<string> Estimated);
