namespace Nad.Alerts;

/// <summary>Verdict rows stored and distinct record ids among them.</summary>
public sealed record VerdictCount(long Rows, long DistinctRecords);
