using Nad.Core.Records;

namespace Nad.Alerts;

/// <summary>
/// One record judged an attack or anomaly: when, through which endpoint, the record itself and
/// each model's verdict with the model's name and version. <see cref="Id"/> is 0 until stored.
/// <see cref="Connection"/> says who talked to whom when the record came from traffic (a capture
/// or conn.log upload, or a posted record's "connection" object); other records have none. <see cref="Record"/> is null only on an
/// alert read back from a store whose stored record could not be read; <see cref="RecordProblem"/> says why.
/// <see cref="RecordId"/> names the scored record once across every store and writer (<see cref="RecordIds"/>):
/// a store keeps one alert per record id, so writing the same alert again (a redelivered message) stores nothing.
/// <see cref="Feedback"/> is an analyst's newest judgement of the stored alert, if any.
/// </summary>
public sealed record Alert(
    long Id,
    DateTimeOffset TimeUtc,
    string Endpoint,
    string Label,
    string? Family,
    string? SupervisedModel,
    string? SupervisedVersion,
    double? AttackProbability,
    string? UnsupervisedModel,
    string? UnsupervisedVersion,
    double? AnomalyScore,
    ConnectionRecord? Record,
    ConnectionEndpoints? Connection = null,
    string? RecordProblem = null,
    string? RecordId = null,
    AlertFeedback? Feedback = null);
