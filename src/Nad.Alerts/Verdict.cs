namespace Nad.Alerts;

/// <summary>
/// What a scoring worker decided for one record, flagged or not: the proof that the record was scored
/// exactly once (one row per <see cref="RecordId"/>). <see cref="Score"/> is the model's score,
/// <see cref="Label"/> one of <see cref="Labels"/>, <see cref="Worker"/> names the process that scored it.
/// </summary>
public sealed record Verdict(string RecordId, DateTimeOffset TimeUtc, string Label, double Score, string Worker);
